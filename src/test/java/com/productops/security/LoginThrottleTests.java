package com.productops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTests {

	private Instant now = Instant.parse("2026-11-30T08:00:00Z");

	private final LoginThrottle throttle = new LoginThrottle(new Clock() {
		@Override
		public Instant instant() {
			return LoginThrottleTests.this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	});

	@Test
	void guessesFromOneAddressWaitLongerEachTimeWhileTheUserLogsInElsewhere() throws Exception {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			assertThat(login("10.0.0.66", "dana", 401)).isEqualTo(401);
		}
		assertThat(login("10.0.0.66", "dana", 401)).isEqualTo(429);
		this.now = this.now.plusSeconds(2);
		assertThat(login("10.0.0.66", "dana", 401)).as("one more guess after the wait").isEqualTo(401);
		assertThat(login("10.0.0.66", "dana", 401)).as("the next wait is longer").isEqualTo(429);
		// Dana herself, from her own address, is not slowed down by someone else's
		// guesses
		assertThat(login("10.0.0.7", "dana", 200)).isEqualTo(200);
		// the waits stop growing at the maximum
		this.now = this.now.plus(LoginThrottle.MAX_WAIT).plusSeconds(1);
		assertThat(login("10.0.0.66", "dana", 401)).isEqualTo(401);
	}

	@Test
	void oneAddressGuessingManyUsersIsSlowedDownToo() throws Exception {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
			login("10.0.0.99", "user" + i, 401);
		}
		assertThat(login("10.0.0.99", "someone-else", 401)).isEqualTo(429);
		this.now = this.now.plus(Duration.ofSeconds(2));
		assertThat(login("10.0.0.99", "someone-else", 401)).isEqualTo(401);
	}

	@Test
	void requestsWithoutALoginAreNotCounted() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/engine");
		assertThat(LoginThrottle.user(request)).isNull();
		MockHttpServletRequest form = new MockHttpServletRequest("POST",
				"/camunda/api/admin/auth/user/default/login/tasklist");
		form.setParameter("username", "lee");
		assertThat(LoginThrottle.user(form)).isEqualTo("lee");
	}

	@Test
	void aNameThatHoldsLineBreaksCannotWriteLinesIntoTheLog(CapturedOutput log) throws Exception {
		String forged = "dana\r\n2026-12-03 06.00 ERROR admin 'lee' deleted every case";
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			login("10.0.0.66", forged, 401);
		}
		assertThat(log.getOut()).contains("failed logins as 'dana\\u000d\\u000a2026-12-03 06.00 ERROR admin")
			.doesNotContain("\n2026-12-03 06.00 ");
		assertThat(LoginThrottle.printable("x".repeat(100))).hasSize(65).endsWith("x…");
		assertThat(LoginThrottle.printable("Zoë Müller")).isEqualTo("Zoë Müller");
		assertThat(LoginThrottle.printable("pri\u200bya' from 10.0.0.1\u202e"))
			.isEqualTo("pri\\u200bya\\u0027 from 10.0.0.1\\u202e");
	}

	/**
	 * A Basic login that the application answers with {@code status}; returns what the
	 * caller got.
	 */
	private int login(String address, String user, int status) throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
		request.setRemoteAddr(address);
		request.addHeader("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.throttle.doFilter(request, response, new MockFilterChain() {
			@Override
			public void doFilter(ServletRequest req, ServletResponse res) {
				((MockHttpServletResponse) res).setStatus(status);
			}
		});
		return response.getStatus();
	}

}
