package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of docker/ without a Docker engine: Debian's docker-compose accepts
 * the compose file, HAProxy accepts its configuration, both describe the same two nodes,
 * and the Dockerfile builds and starts the application with the commands the README
 * documents. (src/test/run-all.sh installs docker-compose and haproxy; without them, and
 * outside CI, those two checks are skipped.)
 */
class DeploymentFilesTests {

	private static final Path DOCKER = Path.of("docker");

	@Test
	@SuppressWarnings("unchecked")
	void composeFileRunsTwoNodesOnOnePostgresBehindTheProxy() throws Exception {
		requireTool("docker-compose");
		Run config = run(Map.of("PRODUCTOPS_DB_PASSWORD", "secret"), "docker-compose", "-f", "docker/compose.yaml",
				"config");
		assertThat(config.exitCode()).as(config.output()).isZero();

		Map<String, Object> services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(config.output())
			.get("services");
		assertThat(services).containsOnlyKeys("postgres", "node-1", "node-2", "proxy");
		Map<String, Object> node1 = (Map<String, Object>) services.get("node-1");
		Map<String, Object> node2 = (Map<String, Object>) services.get("node-2");
		Map<String, Object> env1 = (Map<String, Object>) node1.get("environment");
		Map<String, Object> env2 = (Map<String, Object>) node2.get("environment");
		assertThat(env1.get("PRODUCTOPS_NODE_NAME")).isEqualTo("node-1");
		assertThat(env2.get("PRODUCTOPS_NODE_NAME")).isEqualTo("node-2");
		assertThat(env1.get("PRODUCTOPS_DB_URL")).isEqualTo(env2.get("PRODUCTOPS_DB_URL"))
			.isEqualTo("jdbc:postgresql://postgres:5432/productops");
		assertThat(env1.get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod,postgres");
		assertThat(node1.get("image")).isEqualTo(node2.get("image"));
		assertThat((Map<String, Object>) node2.get("depends_on")).containsEntry("node-1",
				Map.of("condition", "service_healthy"));
		assertThat((Map<String, Object>) node1.get("depends_on")).containsEntry("postgres",
				Map.of("condition", "service_healthy"));
		assertThat(((Map<String, Object>) services.get("postgres")).get("volumes").toString())
			.contains("postgres-data:/var/lib/postgresql/data");
		assertThat(((Map<String, Object>) services.get("proxy")).get("volumes").toString()).contains("haproxy.cfg");

		// the database password is a secret: without it the file refuses to start
		// anything
		Run withoutSecret = run(Map.of(), "docker-compose", "-f", "docker/compose.yaml", "config");
		assertThat(withoutSecret.exitCode()).isNotZero();
		assertThat(withoutSecret.output()).contains("set PRODUCTOPS_DB_PASSWORD");
	}

	@Test
	void proxyPinsBrowsersToANodeAndChecksReadiness() throws Exception {
		requireTool("haproxy");
		Run check = run(Map.of(), "haproxy", "-c", "-f", "docker/haproxy.cfg");
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("Configuration file is valid");

		String config = Files.readString(DOCKER.resolve("haproxy.cfg"));
		assertThat(config).contains("cookie PRODUCTOPS_NODE insert indirect nocache",
				"option httpchk GET /actuator/health/readiness", "server node-1 node-1:8080 cookie node-1",
				"server node-2 node-2:8080 cookie node-2");
	}

	@Test
	void dockerfileBuildsAndStartsAsTheReadmeSays() throws IOException {
		String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
		String readme = Files.readString(Path.of("README.md"));

		List<String> stages = matches(dockerfile, "(?m)^FROM (\\S+)");
		assertThat(stages).hasSize(2);
		assertThat(stages.get(0)).startsWith("maven:3.9-eclipse-temurin-17");
		assertThat(stages.get(1)).startsWith("eclipse-temurin:17-jre");
		assertThat(dockerfile).contains("COPY --from=build", "USER productops", "HEALTHCHECK",
				"/actuator/health/readiness");

		// build: the README's command, with Maven's batch-mode flags
		String readmeBuild = matches(readme, "(?m)^(mvn -DskipTests package)$").get(0);
		String dockerBuild = matches(dockerfile, "(?m)^RUN (mvn [^&\\n]*package)").get(0);
		assertThat(withoutFlags(dockerBuild, "-B", "-ntp")).isEqualTo(readmeBuild);

		// start: java -jar on that jar, as the README runs it (the image adds a heap
		// limit relative to the container)
		String readmeStart = matches(readme, "(?m)^\\s*(java -jar target/product-ops-loop-\\*\\.jar)$").get(0);
		List<String> entrypoint = Arrays
			.asList(matches(dockerfile, "(?m)^ENTRYPOINT \\[(.*)]$").get(0).replace("\"", "").split(",\\s*"));
		assertThat(String.join(" ", entrypoint.stream().filter(part -> !part.startsWith("-XX:")).toList()))
			.isEqualTo(readmeStart.replace("target/product-ops-loop-*.jar", "/app/product-ops-loop.jar"));
		assertThat(dockerfile).contains("cp target/product-ops-loop-*.jar /src/product-ops-loop.jar");
	}

	private static String withoutFlags(String command, String... flags) {
		List<String> parts = new ArrayList<>(Arrays.asList(command.split("\\s+")));
		parts.removeAll(List.of(flags));
		return String.join(" ", parts);
	}

	private static List<String> matches(String text, String regex) {
		List<String> found = new ArrayList<>();
		Matcher matcher = Pattern.compile(regex).matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		assertThat(found).as(regex).isNotEmpty();
		return found;
	}

	private static void requireTool(String tool) throws Exception {
		boolean present = run(Map.of(), "sh", "-c", "command -v " + tool).exitCode() == 0;
		if (System.getenv("CI") != null) {
			assertThat(present).as(tool + " is installed by src/test/run-all.sh").isTrue();
		}
		assumeTrue(present, tool + " is not installed (src/test/run-all.sh installs it)");
	}

	private record Run(int exitCode, String output) {
	}

	private static Run run(Map<String, String> environment, String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("PRODUCTOPS_DB_PASSWORD");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), output);
	}

}
