package io.mtls.boot.test.proxy;

/**
 * What a proxy configuration is written from.
 *
 * @param directory the container directory holding the configuration and the material
 * ({@code server.crt}, {@code server.key}, {@code server.pem}, {@code client-ca.crt},
 * {@code upstream-ca.crt}), ending with {@code /}
 * @param port the port the proxy listens on at {@code 127.0.0.1}
 * @param upstreamPort the application's port at {@code 127.0.0.1}
 * @param upstreamTls whether the application serves HTTPS
 * @param header the header the certificate is forwarded in
 * @param sourceAddress the address the proxy calls the application from
 */
record ProxySettings(String directory, int port, int upstreamPort, boolean upstreamTls, String header,
		String sourceAddress) {

}
