/**
 * JDBC source and sink: {@link JdbcSource} pages a query on a key column.
 */
@NullMarked
package io.chunking.connectors.jdbc;

import org.jspecify.annotations.NullMarked;
