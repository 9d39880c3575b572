package io.mtls.boot.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One DER element, read far enough to walk keys, certificate extensions and subject
 * alternative names: its tag, its content and, for constructed elements, its children.
 * The one DER reader of mtls-core. Malformed input throws
 * {@link IllegalArgumentException}.
 *
 * @param tag the identifier octet
 * @param content the content octets
 */
public record DerElement(int tag, byte[] content) {

	private static final int OCTET_STRING = 0x04;

	/**
	 * Reads the value of an extension as {@link java.security.cert.X509Extension} returns
	 * it: an OCTET STRING wrapping the extension's DER.
	 * @param extensionValue the wrapped value, or {@code null}
	 * @return the extension's element, or {@code null}
	 */
	public static @Nullable DerElement ofExtensionValue(byte @Nullable [] extensionValue) {
		return (extensionValue != null) ? ofExtension(extensionValue) : null;
	}

	/**
	 * Reads the value of an extension that is present.
	 * @param extensionValue the wrapped value
	 * @return the extension's element
	 */
	public static DerElement ofExtension(byte[] extensionValue) {
		return of(extensionDer(extensionValue));
	}

	/**
	 * Returns the DER of an extension from its wrapped value.
	 * @param extensionValue the OCTET STRING wrapping the extension's DER
	 * @return the extension's DER
	 */
	public static byte[] extensionDer(byte[] extensionValue) {
		DerElement wrapper = of(extensionValue);
		if (wrapper.tag() != OCTET_STRING) {
			throw new IllegalArgumentException("an extension value must be an OCTET STRING");
		}
		return wrapper.content();
	}

	/**
	 * Returns the elements inside this constructed element.
	 * @return the children in order
	 */
	public List<DerElement> children() {
		List<DerElement> children = new ArrayList<>();
		int offset = 0;
		while (offset < this.content.length) {
			int[] header = header(this.content, offset);
			int end = header[0] + header[1];
			children.add(new DerElement(this.content[offset] & 0xff, Arrays.copyOfRange(this.content, header[0], end)));
			offset = end;
		}
		return children;
	}

	/**
	 * Reads a single element that spans all of its input.
	 * @param der the element's DER
	 * @return the element
	 */
	public static DerElement of(byte[] der) {
		int[] header = header(der, 0);
		if (header[0] + header[1] != der.length) {
			throw new IllegalArgumentException("trailing bytes after a DER element");
		}
		return new DerElement(der[0] & 0xff, Arrays.copyOfRange(der, header[0], der.length));
	}

	/**
	 * Reads the header at {@code offset}: returns the content's offset and length.
	 */
	private static int[] header(byte[] der, int offset) {
		if (offset + 2 > der.length || (der[offset] & 0x1f) == 0x1f) {
			throw new IllegalArgumentException("truncated or multi-byte DER tag");
		}
		int first = der[offset + 1] & 0xff;
		int position = offset + 2;
		int length;
		if (first < 0x80) {
			length = first;
		}
		else {
			int octets = first & 0x7f;
			if (octets == 0 || octets > 3 || position + octets > der.length) {
				throw new IllegalArgumentException("unsupported DER length");
			}
			length = 0;
			for (int i = 0; i < octets; i++) {
				length = (length << 8) | (der[position++] & 0xff);
			}
		}
		if (position + length > der.length) {
			throw new IllegalArgumentException("DER element longer than its input");
		}
		return new int[] { position, length };
	}

}
