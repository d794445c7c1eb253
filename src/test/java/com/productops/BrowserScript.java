package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script of src/test/browser with node (Debian chromium driven by playwright-core), screenshots to
 * target/browser/, and fails with the script's output when the script fails.
 */
final class BrowserScript {

	private static final Path SCRIPT_DIR = Path.of("src/test/browser");

	private static final Path SHOTS = Path.of("target/browser");

	private BrowserScript() {
	}

	static void run(String script, int port, String... args) throws Exception {
		assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (run the README's test command)").exists();
		assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core"))
			.as("playwright-core (run the README's test command)")
			.exists();
		Files.createDirectories(SHOTS);
		Path log = SHOTS.resolve(script.replace(".mjs", ".log"));
		List<String> command = new ArrayList<>(List.of("node", script, "http://localhost:" + port,
				new File(SHOTS.toString()).getAbsolutePath()));
		command.addAll(List.of(args));
		Process node = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean finished = node.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			node.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(finished).as(output).isTrue();
		assertThat(node.exitValue()).as(output).isZero();
	}

}
