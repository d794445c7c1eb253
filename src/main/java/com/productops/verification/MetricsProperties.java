package com.productops.verification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where success metrics are read (productops.metrics.* in application.yaml). A source
 * without a URL is not offered: a BUILD decision naming it is refused with a message.
 */
@ConfigurationProperties("productops.metrics")
public record MetricsProperties(@DefaultValue Prometheus prometheus, @DefaultValue Sql sql) {

	/**
	 * @param url Prometheus (or a compatible API: Thanos, Mimir, VictoriaMetrics), e.g.
	 * http://prometheus:9090
	 * @param token optional bearer token (PRODUCTOPS_PROMETHEUS_TOKEN)
	 */
	public record Prometheus(@DefaultValue("") String url, @DefaultValue("") String token,
			@DefaultValue("PT10S") Duration timeout) {

		public boolean configured() {
			return !this.url.isBlank();
		}

	}

	/**
	 * @param url JDBC URL of the metrics database (a PostgreSQL replica, a warehouse);
	 * use a read-only account
	 * @param password (PRODUCTOPS_METRICS_DB_PASSWORD)
	 */
	public record Sql(@DefaultValue("") String url, @DefaultValue("") String username,
			@DefaultValue("") String password, @DefaultValue("PT10S") Duration timeout) {

		public boolean configured() {
			return !this.url.isBlank();
		}

	}

}
