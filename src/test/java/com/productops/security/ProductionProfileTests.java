package com.productops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.productops.ProductOpsApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code prod} profile as an operator would start it: it refuses to start without a
 * strong admin from the environment, and once started it has no demo users, hardened
 * cookies and headers, and bounded queries.
 */
@Tag("own-jvm") // starts applications of its own; see the surefire set-up in pom.xml
class ProductionProfileTests {

	static final String STRONG = "Str0ng!Passw0rd";

	@TempDir
	Path dataDir;

	@Test
	void refusesToStartWithoutAdminCredentials() {
		assertThatThrownBy(() -> start("", "")).isInstanceOf(IllegalStateException.class)
			.hasMessage("The prod profile needs an admin account from the environment: set PRODUCTOPS_ADMIN_USER; "
					+ "set PRODUCTOPS_ADMIN_PASSWORD");
	}

	@Test
	void refusesToStartWithAWeakPassword() {
		assertThatThrownBy(() -> start("boss", "boss12345")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("PRODUCTOPS_ADMIN_PASSWORD is too weak: needs at least 10 characters")
			.hasMessageContaining("needs at least 1 upper-case letter(s)")
			.hasMessageContaining("needs at least 1 special character(s)")
			.hasMessageContaining("must not contain the user name");
	}

	@Test
	void passwordRulesAreCamundasPolicy() {
		assertThat(ProductionConfiguration.AdminCheck.problems("boss", STRONG)).isEmpty();
		assertThat(ProductionConfiguration.AdminCheck.problems("boss", "Str0ngBoss!Pw"))
			.containsExactly("PRODUCTOPS_ADMIN_PASSWORD must not contain the user name");
	}

	@Test
	void runsHardenedWithAStrongAdmin() throws Exception {
		try (ConfigurableApplicationContext app = start("boss", STRONG)) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();

			// no demo users; the admin from the environment works
			HttpResponse<String> demo = get(http, port, "/engine-rest/user?maxResults=50", "olivia", "demo");
			assertThat(demo.statusCode()).as(demo.body()).isEqualTo(401);
			HttpResponse<String> users = get(http, port, "/engine-rest/user?maxResults=50", "boss", STRONG);
			assertThat(users.statusCode()).isEqualTo(200);
			assertThat(users.body()).contains("\"id\":\"boss\"").doesNotContain("olivia");

			// bounded queries; the paging the web apps use still works
			assertThat(get(http, port, "/engine-rest/task", "boss", STRONG).body())
				.contains("An unbound number of results is forbidden");
			assertThat(get(http, port, "/engine-rest/task?maxResults=2001", "boss", STRONG).statusCode())
				.isEqualTo(400);
			assertThat(get(http, port, "/engine-rest/task?firstResult=0&maxResults=15", "boss", STRONG).statusCode())
				.isEqualTo(200);
			assertThat(get(http, port, "/engine-rest/filter?firstResult=0&maxResults=2000&resourceType=Task", "boss",
					STRONG)
				.statusCode()).isEqualTo(200);

			// hardened cookies and headers on the web apps
			HttpResponse<String> tasklist = get(http, port, "/camunda/app/tasklist/default/", null, null);
			assertThat(tasklist.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=63072000");
			List<String> cookies = tasklist.headers().allValues("Set-Cookie");
			assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
				.contains("Secure")
				.contains("HttpOnly")
				.contains("SameSite=Strict")
				.doesNotContain("SameSite=Lax"));
			assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=")
				.contains("Secure")
				.contains("SameSite=Strict"));

			// no H2 console
			assertThat(get(http, port, "/h2-console", null, null).statusCode()).isEqualTo(404);
		}
	}

	private ConfigurableApplicationContext start(String user, String password) {
		// as command-line arguments, which win over application.yaml like the environment
		// variables would
		return new SpringApplicationBuilder(ProductOpsApplication.class).profiles("prod")
			.run("--server.port=0", "--productops.data-dir=" + this.dataDir, "--productops.admin.user=" + user,
					"--productops.admin.password=" + password);
	}

	private static HttpResponse<String> get(HttpClient http, int port, String path, String user, String password)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
