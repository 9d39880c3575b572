package io.mtls.boot.core.revocation;

import io.mtls.boot.core.RejectionReason;

/**
 * Why a certificate path was refused by the {@link RevocationChecker}.
 *
 * @param reason {@link RejectionReason#REVOKED}, {@link RejectionReason#DENIED} or
 * {@link RejectionReason#REVOCATION_UNKNOWN}
 * @param detail a sentence naming the certificate and the source that refused it
 */
public record RevocationVerdict(RejectionReason reason, String detail) {
}
