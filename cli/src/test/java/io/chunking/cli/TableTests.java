package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTests {

	@Test
	void tablesAlignColumnsAndCutLongCells() {
		String table = new Table("ID", "ERROR").row(7, "x".repeat(100)).row(12345, null).render();
		String[] lines = table.split("\n");
		assertThat(lines[0]).isEqualTo("ID     ERROR");
		assertThat(lines[1]).startsWith("7      xxx").endsWith("…").hasSize(7 + Table.MAX_CELL);
		assertThat(lines[2]).isEqualTo("12345  -");
	}

	@Test
	void anEmptyTableSaysSo() {
		assertThat(new Table("ID").render()).isEqualTo("ID\n(none)\n");
	}

}
