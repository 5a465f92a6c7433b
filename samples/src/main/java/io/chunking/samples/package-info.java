/**
 * Sample job definitions, found by both apps through an auto-configuration.
 */
@NullMarked
package io.chunking.samples;

import org.jspecify.annotations.NullMarked;
