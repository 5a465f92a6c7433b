/**
 * Settings shared by the master and the workers: embedded-mode defaults and credentials, messaging properties,
 * process identity.
 */
@NullMarked
package io.chunking.support;

import org.jspecify.annotations.NullMarked;
