package io.chunking.master.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard's static files from {@code classpath:/static/}: the page at {@code /} and
 * {@code /index.html}, its scripts and styles under {@code /dashboard/}, and the favicon. These paths only: the
 * master keeps Spring Boot's mapping of every path to the static files off
 * ({@code spring.web.resources.add-mappings=false}), so that any other unknown path still answers the API's JSON 404.
 */
@Configuration(proxyBeanMethods = false)
class DashboardResourcesConfiguration implements WebMvcConfigurer {

	private static final String STATIC = "classpath:/static/";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/dashboard/**").addResourceLocations(STATIC + "dashboard/");
		registry.addResourceHandler("/index.html", "/favicon.ico").addResourceLocations(STATIC);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/").setViewName("forward:/index.html");
	}

}
