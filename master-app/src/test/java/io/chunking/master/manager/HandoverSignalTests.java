package io.chunking.master.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the handover signal remembers of the executions whose job has settled.
 */
class HandoverSignalTests {

	private final HandoverSignal signal = new HandoverSignal("master-test");

	@Test
	void anExecutionIsSettledOnceItsJobSaysSo() {
		assertThat(this.signal.isSettled(7)).isFalse();

		this.signal.settled(7);

		assertThat(this.signal.isSettled(7)).isTrue();
		assertThat(this.signal.isSettled(8)).isFalse();
	}

	@Test
	void remembersTheMostRecentSettledExecutionsOnlySoThatALongLivedMasterDoesNotGrow() {
		int executions = HandoverSignal.SETTLED_REMEMBERED + 1_000;
		for (long id = 1; id <= executions; id++) {
			this.signal.settled(id);
		}

		assertThat(this.signal.isSettled(1)).as("the oldest is forgotten").isFalse();
		assertThat(this.signal.isSettled(1_000)).isFalse();
		assertThat(this.signal.isSettled(1_001)).as("the most recent are kept").isTrue();
		assertThat(this.signal.isSettled(executions)).isTrue();
	}

}
