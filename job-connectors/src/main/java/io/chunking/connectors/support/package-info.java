/**
 * What the connectors of several packages share, public only so that those packages can reach it: paging a query
 * whose pages follow the last key read, and the messages of an exception's causes. It is not an API for jobs and
 * may change without notice.
 */
@NullMarked
package io.chunking.connectors.support;

import org.jspecify.annotations.NullMarked;
