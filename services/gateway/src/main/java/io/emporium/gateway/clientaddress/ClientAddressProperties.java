package io.emporium.gateway.clientaddress;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code emporium.gateway.trusted-proxies}: the addresses (IPs or CIDR ranges) of the proxies in front of the gateway,
 * the only peers whose {@code X-Forwarded-For} / {@code Forwarded} headers are believed. None by default: the client
 * is whoever connected.
 */
@ConfigurationProperties(ClientAddressProperties.PREFIX)
record ClientAddressProperties(@DefaultValue List<String> trustedProxies) {

    static final String PREFIX = "emporium.gateway";
}
