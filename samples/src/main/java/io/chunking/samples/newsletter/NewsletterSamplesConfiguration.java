package io.chunking.samples.newsletter;

import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.samples.orders.SamplesProperties;
import jakarta.mail.Session;

/**
 * The newsletter sample, on the framework's MongoDB client and the SMTP server of
 * {@code chunking.samples.newsletter.*}. Jakarta Mail is not in the apps: it comes on the loader path with
 * {@code samples.jar} ({@code samples/target/samples-lib/}); without it the job is not declared.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ MongoClient.class, Session.class })
@ConditionalOnBean(MongoClient.class)
@EnableConfigurationProperties(SamplesProperties.class)
public class NewsletterSamplesConfiguration {

	@Bean(destroyMethod = "close")
	MailSender newsletterMailSender(SamplesProperties properties) {
		SamplesProperties.Newsletter newsletter = properties.getNewsletter();
		return new MailSender(newsletter.getSmtpHost(), newsletter.getSmtpPort(), newsletter.getFrom(),
				Math.toIntExact(newsletter.getSmtpTimeout().toMillis()));
	}

	@Bean
	ChunkedJobDefinition<Subscriber, Delivery> newsletterJob(MongoClient mongo, MailSender mail,
			SamplesProperties properties) {
		SamplesProperties.Newsletter newsletter = properties.getNewsletter();
		return NewsletterJob.definition(mongo, properties.getMongoDatabase(), mail, ZoneId.of(newsletter.getZone()),
				newsletter.getRatePerSecond(), newsletter.getConcurrency());
	}

}
