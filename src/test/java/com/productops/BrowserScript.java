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
 * Runs one script of src/test/browser with node (Debian chromium driven by
 * playwright-core), with its screenshots in the given folder, and fails with the script's
 * output when the script fails.
 */
final class BrowserScript {

	private static final Path SCRIPT_DIR = Path.of("src/test/browser");

	private BrowserScript() {
	}

	/**
	 * @return what the script printed
	 */
	static String run(String script, Path shots, int port, String... args) throws Exception {
		assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (run the README's test command)").exists();
		assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core"))
			.as("playwright-core (run the README's test command)")
			.exists();
		Files.createDirectories(shots);
		// one log per script and first argument (the phase)
		Path log = shots.resolve(script.replace(".mjs", "") + (args.length > 0 ? "-" + args[0] : "") + ".log");
		List<String> command = new ArrayList<>(
				List.of("node", script, "http://localhost:" + port, new File(shots.toString()).getAbsolutePath()));
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
		return output;
	}

}
