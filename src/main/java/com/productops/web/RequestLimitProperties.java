package com.productops.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Largest request bodies accepted ({@code productops.request-limits.*}): a report or task
 * form, a tracker webhook, a deployment (admins), anything else.
 */
@ConfigurationProperties("productops.request-limits")
record RequestLimitProperties(@DefaultValue("256KB") DataSize form, @DefaultValue("1MB") DataSize webhook,
		@DefaultValue("20MB") DataSize deployment, @DefaultValue("1MB") DataSize other) {
}
