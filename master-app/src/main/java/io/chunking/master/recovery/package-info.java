/**
 * Recovery of executions: those of a lost master are brought to their end, those a master handed over at shutdown
 * are continued.
 */
@NullMarked
package io.chunking.master.recovery;

import org.jspecify.annotations.NullMarked;
