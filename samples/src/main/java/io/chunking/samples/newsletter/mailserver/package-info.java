/**
 * The SMTP server of the newsletter sample's test and launcher: GreenMail, refusing some recipients as a real mail
 * server would. Never loaded by the apps.
 */
@NullMarked
package io.chunking.samples.newsletter.mailserver;

import org.jspecify.annotations.NullMarked;
