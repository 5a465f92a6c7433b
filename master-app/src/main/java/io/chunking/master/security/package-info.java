/**
 * Authentication of the REST API and throttling of failed logins.
 */
@NullMarked
package io.chunking.master.security;

import org.jspecify.annotations.NullMarked;
