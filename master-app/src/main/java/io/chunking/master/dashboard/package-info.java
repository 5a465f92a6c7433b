/**
 * The web dashboard: static files served at {@code /} and under {@code /dashboard/}, which call the public REST API.
 */
@NullMarked
package io.chunking.master.dashboard;

import org.jspecify.annotations.NullMarked;
