/**
 * JDBC source and sink: {@link JdbcSource} pages a query on a key column, and {@link JdbcSink} upserts outputs by
 * key columns in the dialect of the database (PostgreSQL, H2, MySQL, MariaDB).
 */
@NullMarked
package io.chunking.connectors.jdbc;

import org.jspecify.annotations.NullMarked;
