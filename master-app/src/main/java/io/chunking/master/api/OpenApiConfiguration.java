package io.chunking.master.api;

import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Title, description and the HTTP Basic security scheme of the OpenAPI description served at {@code /v3/api-docs};
 * the paths and schemas are generated from the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BASIC = "basic";

	@Bean
	OpenAPI chunkingOpenApi(org.springframework.beans.factory.ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Chunking master API")
				.description("Trigger chunked jobs, follow executions down to each chunk (a page, one chunk, or "
						+ "the status of all in one string: chunk-map), control them, see workers, how many more "
						+ "would help (advice) and schedules; /api/me tells the caller's roles. Errors are JSON "
						+ "{\"error\", \"message\"}, with \"parameter\" naming the job parameter of an "
						+ "invalid_parameter: 400 invalid input, 401 no or wrong credentials (without a "
						+ "WWW-Authenticate challenge when the request has X-Requested-With), 403 a VIEWER trying to "
						+ "change something, 404 unknown job, execution, chunk, "
						+ "schedule or path, 405 a method the path does not take, 409 a request that does not fit "
						+ "the current status, 415 a body that is not application/json, 429 a client address "
						+ "locked out after repeated failed logins (see Retry-After).")
				.version((properties != null) ? properties.getVersion() : "dev"))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
