/**
 * The newsletter sample: a cron-scheduled job that mails every active subscriber of a MongoDB collection through
 * SMTP, at a shared rate, exactly once per subscriber and issue as far as the mail server can tell
 * ({@link io.chunking.samples.newsletter.Deliveries}).
 */
@NullMarked
package io.chunking.samples.newsletter;

import org.jspecify.annotations.NullMarked;
