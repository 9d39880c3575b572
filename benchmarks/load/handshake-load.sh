#!/usr/bin/env bash
# Handshake and keep-alive rates of a sample app on each TLS engine (jdk, openssl) and JDK
# (17, 25), as ratios to nginx as the mTLS server, in one interleaved run on loopback.
#   servlet:  the sample app (Tomcat)
#   reactive: the reactive sample (Reactor Netty), and as ratios to the same JDK's baseline too:
#             benchmarks/baseline-webflux-x509, WebFlux mTLS wired by hand (Spring Boot's
#             server.ssl with client-auth need, Spring Security's x509()), without the starter
# nginx is the mTLS client (a proxy in front of each server) and wrk drives the proxy:
#   new-connection: proxy_ssl_session_reuse off, one request per upstream connection, so
#                   every request is a full TLS 1.3 handshake with a client certificate
#   keep-alive:     pooled upstream connections (keepalive 16), requests only
# Also prints each app's startup time and resident memory against the sample on the jdk engine.
# Needs: nginx, wrk, openssl, curl, the JDKs below, and the jars
# (servlet: ./mvnw -q -pl sample-app -am package -DskipTests;
#  reactive: ./mvnw -q -pl sample-app-reactive,benchmarks/baseline-webflux-x509 -am package -DskipTests).
# Usage: benchmarks/load/handshake-load.sh [servlet|reactive]
#        (ROUNDS, DURATION, CONNECTIONS, JAVA17, JAVA25, JAR for the sample, BASELINE_JAR)
set -euo pipefail

MODE=${1:-servlet}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-8}
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
built_jar() { ls "$ROOT/$1"/target/*.jar 2>/dev/null | grep -v plain | head -1 || true; }
# targets: name port [java app engine]; ratios to the baseline compare within one JDK
case "$MODE" in
servlet)
	JAR=${JAR:-$(built_jar sample-app)}
	TARGETS=("nginx 19443" "jdk17-jdk 19444 $JAVA17 sample jdk" "jdk17-openssl 19445 $JAVA17 sample openssl"
		"jdk25-jdk 19446 $JAVA25 sample jdk" "jdk25-openssl 19447 $JAVA25 sample openssl")
	;;
reactive)
	JAR=${JAR:-$(built_jar sample-app-reactive)}
	BASELINE_JAR=${BASELINE_JAR:-$(built_jar benchmarks/baseline-webflux-x509)}
	TARGETS=("nginx 19443" "jdk17-jdk 19444 $JAVA17 sample jdk" "jdk17-openssl 19445 $JAVA17 sample openssl"
		"jdk17-baseline 19446 $JAVA17 baseline" "jdk25-jdk 19447 $JAVA25 sample jdk"
		"jdk25-openssl 19448 $JAVA25 sample openssl" "jdk25-baseline 19449 $JAVA25 baseline")
	[ -f "$BASELINE_JAR" ] || { echo "no baseline jar: build it (see the header) or set BASELINE_JAR" >&2; exit 1; }
	;;
*)
	echo "usage: $0 [servlet|reactive]" >&2
	exit 2
	;;
esac
[ -f "$JAR" ] || { echo "no $MODE sample jar: build it (see the header) or set JAR" >&2; exit 1; }
WORK=$(mktemp -d /tmp/handshake-load.XXXXXX)
PIDS=()

cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	[ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT
for tool in nginx wrk openssl curl "$JAVA17" "$JAVA25"; do
	command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
cd "$WORK"

# an EC P-256 PKI made for this run
issue() { # name subject extensions [signing CA]
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
	printf '[v3]\n%b\n' "$3" >"$1.ext"
	if [ -z "${4:-}" ]; then
		openssl req -x509 -new -key "$1.key" -subj "$2" -days 2 -out "$1.crt" -extensions v3 -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n'; cat "$1.ext")
	else
		openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
		openssl x509 -req -in "$1.csr" -CA "$4.crt" -CAkey "$4.key" -CAcreateserial -days 2 -out "$1.crt" -extfile "$1.ext" -extensions v3 2>/dev/null
	fi
}
issue ca "/CN=load CA" 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign'
issue server "/CN=localhost" 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature' ca
issue client "/CN=load-client/O=load" 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature' ca

proxy() { # front-port upstream session-options
	cat <<CONF
    server {
        listen 127.0.0.1:$1;
        location / {
            proxy_pass https://$2;
            $3
            proxy_ssl_certificate $WORK/client.crt;
            proxy_ssl_certificate_key $WORK/client.key;
            proxy_ssl_trusted_certificate $WORK/ca.crt;
            proxy_ssl_verify on;
            proxy_ssl_name localhost;
            proxy_ssl_protocols TLSv1.3;
            proxy_ssl_session_reuse off;
        }
    }
CONF
}
{
	cat <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    # nginx as the mTLS server: the x-nginx reference
    server {
        listen 127.0.0.1:19443 ssl;
        ssl_certificate $WORK/server.crt;
        ssl_certificate_key $WORK/server.key;
        ssl_client_certificate $WORK/ca.crt;
        ssl_verify_client on;
        ssl_protocols TLSv1.3;
        location / { return 200 "ok\n"; }
    }
CONF
	for target in "${TARGETS[@]}"; do
		set -- $target
		printf '    upstream pool%s { server 127.0.0.1:%s; keepalive 16; }\n' "$2" "$2"
		proxy $(($2 + 1000)) "127.0.0.1:$2" ""
		proxy $(($2 + 2000)) "pool$2" 'proxy_http_version 1.1; proxy_set_header Connection "";'
	done
	echo "}"
} >nginx.conf
nginx -p "$WORK" -c "$WORK/nginx.conf"

declare -A PID
for target in "${TARGETS[@]}"; do
	set -- $target
	[ $# -gt 2 ] || continue
	if [ "$4" = baseline ]; then # the same material through Spring Boot's own properties
		app=(-jar "$BASELINE_JAR" --server.ssl.client-auth=need --server.ssl.certificate="file:$WORK/server.crt"
			--server.ssl.certificate-private-key="file:$WORK/server.key" --server.ssl.trust-certificate="file:$WORK/ca.crt")
	else
		app=(-jar "$JAR" --mtls.dev.enabled=false --mtls.server.certificate="file:$WORK/server.crt"
			--mtls.server.private-key="file:$WORK/server.key" --mtls.server.trust="file:$WORK/ca.crt" --mtls.server.engine="$5")
	fi
	"$3" "${app[@]}" --server.port="$2" --server.address=127.0.0.1 >"$1.log" 2>&1 &
	PID[$1]=$!
	PIDS+=($!)
done
for target in "${TARGETS[@]}"; do
	set -- $target
	for _ in $(seq 1 240); do
		curl -sf -o /dev/null --cacert ca.crt --cert client.crt --key client.key "https://localhost:$2/whoami" && break
		sleep 0.5
	done
	curl -sf -o /dev/null --cacert ca.crt --cert client.crt --key client.key "https://localhost:$2/whoami" ||
		{ echo "$1 did not start; see $WORK/$1.log" >&2; exit 1; }
done

load() { # port -> requests/s (errors and non-2xx fail the run)
	local out
	out=$(wrk -t2 -c"$CONNECTIONS" -d"$1" "http://127.0.0.1:$2/whoami")
	if grep -q "Non-2xx\|Socket errors" <<<"$out"; then echo "errors against $2: $out" >&2; exit 1; fi
	awk '/Requests\/sec/ {print $2}' <<<"$out"
}
declare -A NEW KEEP
echo "warm-up round (discarded), then $ROUNDS interleaved rounds of $DURATION per target and mode, $CONNECTIONS connections"
for round in $(seq 0 "$ROUNDS"); do
	for target in "${TARGETS[@]}"; do
		set -- $target
		duration=$([ "$round" -eq 0 ] && echo 4s || echo "$DURATION")
		new=$(load "$duration" $(($2 + 1000)))
		keep=$(load "$duration" $(($2 + 2000)))
		[ "$round" -eq 0 ] && continue
		NEW[$1]+="$new "
		KEEP[$1]+="$keep "
	done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
started() { sed -n 's/.*Started .* (process running for \([0-9.]*\)).*/\1/p' "$1.log" | head -1; }
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/${PID[$1]}/status"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
columns() { # the x-base columns only where there is a baseline
	if [ "$MODE" = reactive ]; then
		printf '%-15s %11s %7s %7s %13s %7s %7s %10s %6s %7s %6s\n' "$@"
	else
		printf '%-15s %11s %7s %13s %7s %10s %6s %7s %6s\n' "${@:1:3}" "${@:5:2}" "${@:8}"
	fi
}

echo
echo "$MODE, load: $(uptime | sed 's/.*load average/load average/'), $(nproc) cores"
columns target new-conn/s x-nginx x-base keep-alive/s x-nginx x-base startup-s x-jdk rss-MB x-jdk
declare -A NEW_RATE KEEP_RATE
for target in "${TARGETS[@]}"; do
	set -- $target
	NEW_RATE[$1]=$(median <<<"${NEW[$1]}")
	KEEP_RATE[$1]=$(median <<<"${KEEP[$1]}")
done
for target in "${TARGETS[@]}"; do
	set -- $target
	new=${NEW_RATE[$1]} keep=${KEEP_RATE[$1]}
	start=- mem=- startx=- memx=- newbase=- keepbase=-
	if [ $# -gt 2 ]; then
		jdk=${1%-*}-jdk base=${1%-*}-baseline
		start=$(started "$1")
		mem=$(rss "$1")
		startx=$(ratio "$start" "$(started "$jdk")")
		memx=$(ratio "$mem" "$(rss "$jdk")")
		if [ -n "${NEW_RATE[$base]:-}" ]; then
			newbase=$(ratio "$new" "${NEW_RATE[$base]}")
			keepbase=$(ratio "$keep" "${KEEP_RATE[$base]}")
		fi
	fi
	columns "$1" "$(printf %.0f "$new")" "$(ratio "$new" "${NEW_RATE[nginx]}")" "$newbase" \
		"$(printf %.0f "$keep")" "$(ratio "$keep" "${KEEP_RATE[nginx]}")" "$keepbase" "$start" "$startx" "$mem" "$memx"
done
echo "per-round rates (new-conn | keep-alive):"
for target in "${TARGETS[@]}"; do set -- $target; echo "  $1: ${NEW[$1]}| ${KEEP[$1]}"; done
