/**
 * Users and roles of the REST API.
 */
@NullMarked
package io.chunking.support.security;

import org.jspecify.annotations.NullMarked;
