package com.productops.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every request meets: a body larger than its path allows is answered
 * with 413 before any login, parsing or engine work, for anonymous callers too. A
 * declared length is checked at once; a body sent without one (chunked) is read up to the
 * limit and no further.
 */
class RequestSizeLimits extends OncePerRequestFilter {

	private final RequestLimitProperties limits;

	RequestSizeLimits(RequestLimitProperties limits) {
		this.limits = limits;
	}

	/**
	 * The limit of a path: a report or a task form is small; deployments and tracker
	 * webhooks are larger.
	 */
	long limitOf(String path) {
		if (path.matches(".*/(deployment/create|deployment/[^/]+/redeploy)")) {
			return this.limits.deployment().toBytes();
		}
		if (path.startsWith("/api/webhooks/")) {
			return this.limits.webhook().toBytes();
		}
		if (path.matches(
				"/api/reports/?|.*/process-definition/.+/(start|submit-form)|.*/task/[^/]+/(complete|submit-form)")) {
			return this.limits.form().toBytes();
		}
		return this.limits.other().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitOf(request.getRequestURI().substring(request.getContextPath().length()));
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			tooLarge(response, limit);
			return;
		}
		boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
		if (!chunked) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = readAtMost(request.getInputStream(), limit);
		if (body == null) {
			tooLarge(response, limit);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	/** The whole body, or null when it is longer than the limit. */
	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		for (int n; (n = in.read(buffer)) != -1;) {
			total += n;
			if (total > limit) {
				return null;
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
		response.setHeader("Connection", "close"); // do not read the rest of a huge body
		ApiErrors.write(response, HttpStatus.PAYLOAD_TOO_LARGE,
				"The request is larger than the " + (limit / 1024) + " KB this address accepts");
	}

	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}
