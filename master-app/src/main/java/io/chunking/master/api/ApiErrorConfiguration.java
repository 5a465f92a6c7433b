package io.chunking.master.api;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ApiErrorReportValve} in place of Tomcat's HTML error report, so that requests refused by Tomcat itself
 * answer the API's JSON too. Runs after Spring Boot's own Tomcat customizer, which adds a plain
 * {@link ErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StandardHost.class)
class ApiErrorConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportCustomizer() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Host host = (Host) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ApiErrorReportValve());
			if (host instanceof StandardHost standard) {
				// The host adds a valve of this class at start unless one is there already.
				standard.setErrorReportValveClass(ApiErrorReportValve.class.getName());
			}
		});
	}

}
