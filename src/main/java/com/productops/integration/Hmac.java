package com.productops.integration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures in the {@code sha256=<hex>} form GitHub, Jira and our own
 * outgoing webhooks use: the sender signs the raw body with a shared secret, the receiver
 * recomputes it.
 */
public final class Hmac {

	private static final String PREFIX = "sha256=";

	private Hmac() {
	}

	/** The header value for a body: {@code sha256=<hex>}. */
	public static String signature(byte[] body, String secret) {
		return PREFIX + hex(body, secret);
	}

	public static String signature(String body, String secret) {
		return signature(body.getBytes(StandardCharsets.UTF_8), secret);
	}

	/** Whether the header carries the body's signature; compared in constant time. */
	public static boolean verify(String header, byte[] body, String secret) {
		if (header == null || secret == null || secret.isEmpty() || !header.startsWith(PREFIX)) {
			return false;
		}
		byte[] expected = signature(body, secret).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, header.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
	}

	private static String hex(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
