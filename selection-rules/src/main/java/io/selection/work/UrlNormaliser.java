package io.selection.work;

import io.selection.common.DomainException;
import io.selection.common.Refusal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Two submissions are the same work when their URLs normalise alike: scheme and host in lower
 * case, the scheme's default port dropped, the fragment and one trailing '/' of the path removed,
 * the query kept exactly as given.
 */
public final class UrlNormaliser {

    private UrlNormaliser() {
    }

    public static String normalise(String url) {
        if (url == null || url.isBlank()) {
            throw DomainException.invalid("url", Refusal.REQUIRED, "url");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw DomainException.invalid("url", Refusal.URL_INVALID, e.getReason());
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            // An internationalised host (新华网.中国) is not parsed by java.net.URI: compare it in
            // its ASCII (punycode) form, which is what browsers resolve.
            host = asciiHost(uri.getRawAuthority());
            if (host != null) {
                return normalise(url.trim().replace(uri.getRawAuthority(),
                        uri.getRawAuthority().replace(hostPart(uri.getRawAuthority()), host)));
            }
        }
        if (scheme == null || host == null) {
            throw DomainException.invalid("url", Refusal.URL_NO_HOST, url);
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw DomainException.invalid("url", Refusal.URL_SCHEME, url);
        }
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(uri.getRawUserInfo()).append('@');
        }
        out.append(host.toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        out.append(path);
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        return out.toString();
    }

    private static String hostPart(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String asciiHost(String authority) {
        String host = hostPart(authority);
        if (host.isEmpty() || host.chars().allMatch(c -> c < 128)) {
            return null;
        }
        try {
            return java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("url", Refusal.URL_HOST, host);
        }
    }
}
