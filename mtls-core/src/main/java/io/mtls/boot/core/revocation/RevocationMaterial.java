package io.mtls.boot.core.revocation;

/**
 * CRLs and a deny-list loaded and validated together, ready to be swapped into a
 * {@link RevocationChecker}.
 *
 * @param crls the CRLs
 * @param denyList the deny-list
 */
public record RevocationMaterial(CrlStore crls, DenyList denyList) {

	/**
	 * Returns whether both hold the same CRLs and deny entries.
	 * @param other the other material
	 * @return whether they are the same
	 */
	public boolean sameAs(RevocationMaterial other) {
		return this.crls.sameCrls(other.crls) && this.denyList.equals(other.denyList);
	}

}
