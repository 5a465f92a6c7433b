/**
 * Command-line client of the master's REST API, for operators.
 */
@NullMarked
package io.chunking.cli;

import org.jspecify.annotations.NullMarked;
