package io.mtls.boot.test.proxy;

/**
 * The configuration file of each proxy: listen on loopback with TLS, demand a client
 * certificate from the client CAs, replace whatever the client sent in the forwarding
 * header with the verified certificate, and call the application from the source address.
 */
final class ProxyConfigurations {

	private ProxyConfigurations() {
	}

	static String nginx(ProxySettings s) {
		String upstreamTls = s.upstreamTls() ? """
				      proxy_ssl_trusted_certificate %supstream-ca.crt;
				      proxy_ssl_verify on;
				      proxy_ssl_name localhost;
				""".formatted(s.directory()) : "";
		return """
				daemon off;
				master_process off;
				error_log stderr warn;
				pid /tmp/nginx.pid;
				events {}
				http {
				  access_log off;
				  client_body_temp_path /tmp/nginx-body;
				  proxy_temp_path /tmp/nginx-proxy;
				  server {
				    listen 127.0.0.1:%2$d ssl;
				    ssl_certificate %1$sserver.crt;
				    ssl_certificate_key %1$sserver.key;
				    ssl_client_certificate %1$sclient-ca.crt;
				    ssl_verify_client on;
				    ssl_verify_depth 5;
				    location / {
				      proxy_pass %3$s://127.0.0.1:%4$d;
				      proxy_bind %5$s;
				%6$s      proxy_set_header %7$s $ssl_client_escaped_cert;
				    }
				  }
				}
				""".formatted(s.directory(), s.port(), s.upstreamTls() ? "https" : "http", s.upstreamPort(),
				s.sourceAddress(), upstreamTls, s.header());
	}

	static String haproxy(ProxySettings s) {
		String upstreamTls = s.upstreamTls()
				? " ssl verify required ca-file %supstream-ca.crt sni str(localhost) verifyhost localhost"
					.formatted(s.directory())
				: "";
		return """
				global
				  log stderr format raw local0 warning
				defaults
				  mode http
				  log global
				  timeout connect 5s
				  timeout client 30s
				  timeout server 30s
				frontend mtls
				  bind 127.0.0.1:%2$d ssl crt %1$sserver.pem ca-file %1$sclient-ca.crt verify required
				  http-request set-header %3$s %%[ssl_c_der,base64]
				  default_backend application
				backend application
				  server application 127.0.0.1:%4$d source %5$s%6$s
				""".formatted(s.directory(), s.port(), s.header(), s.upstreamPort(), s.sourceAddress(), upstreamTls);
	}

	static String apache(ProxySettings s) {
		String upstreamTls = s.upstreamTls() ? """
				  SSLProxyEngine on
				  SSLProxyVerify require
				  SSLProxyCACertificateFile %supstream-ca.crt
				""".formatted(s.directory()) : "";
		return """
				ServerRoot /usr/lib/apache2
				ServerName localhost
				DefaultRuntimeDir /tmp
				PidFile /tmp/apache2.pid
				Mutex file:/tmp default
				ErrorLog /dev/stderr
				LogLevel warn
				LoadModule mpm_event_module modules/mod_mpm_event.so
				LoadModule authz_core_module modules/mod_authz_core.so
				LoadModule socache_shmcb_module modules/mod_socache_shmcb.so
				LoadModule ssl_module modules/mod_ssl.so
				LoadModule headers_module modules/mod_headers.so
				LoadModule proxy_module modules/mod_proxy.so
				LoadModule proxy_http_module modules/mod_proxy_http.so
				User www-data
				Group www-data
				Listen 127.0.0.1:%2$d
				<VirtualHost 127.0.0.1:%2$d>
				  SSLEngine on
				  SSLCertificateFile %1$sserver.crt
				  SSLCertificateKeyFile %1$sserver.key
				  SSLCACertificateFile %1$sclient-ca.crt
				  SSLVerifyClient require
				  SSLVerifyDepth 5
				  RequestHeader set %3$s "%%{SSL_CLIENT_CERT}s"
				%4$s  ProxyPass / %5$s:%6$d/
				</VirtualHost>
				""".formatted(s.directory(), s.port(), s.header(), upstreamTls,
				s.upstreamTls() ? "https://localhost" : "http://127.0.0.1", s.upstreamPort());
	}

	static String caddy(ProxySettings s) {
		String upstreamTls = s.upstreamTls() ? """
				    transport http {
				      tls
				      tls_trusted_ca_certs %supstream-ca.crt
				      tls_server_name localhost
				    }
				""".formatted(s.directory()) : "";
		return """
				{
				  admin off
				  auto_https off
				}
				https://localhost:%2$d {
				  bind 127.0.0.1
				  tls %1$sserver.crt %1$sserver.key {
				    client_auth {
				      mode require_and_verify
				      trusted_ca_cert_file %1$sclient-ca.crt
				    }
				  }
				  reverse_proxy 127.0.0.1:%3$d {
				    header_up %4$s {http.request.tls.client.certificate_der_base64}
				%5$s  }
				}
				""".formatted(s.directory(), s.port(), s.upstreamPort(), s.header(), upstreamTls);
	}

}
