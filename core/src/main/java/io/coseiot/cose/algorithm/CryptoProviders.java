package io.coseiot.cose.algorithm;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;

/**
 * Chooses the JCA provider that the primitives take their {@code Cipher}, {@code Signature} and
 * {@code Mac} objects from: AES-GCM, ChaCha20/Poly1305, the signature schemes and HMAC.
 *
 * <p>By default they follow the JDK's provider order. An application that has registered a faster
 * provider, such as Amazon Corretto Crypto Provider, can prefer it for this library alone, without
 * moving it to the front of the JDK's list:
 *
 * <ul>
 *   <li>the system property {@value #PROPERTY} names a registered provider, for example {@code
 *       -Dio.coseiot.cose.provider=AmazonCorrettoCryptoProvider}; or
 *   <li>{@link #setPreferred(Provider)} sets one in code, and takes precedence over the property.
 * </ul>
 *
 * <p>The library never requires such a provider: a name that is not registered, or an algorithm the
 * preferred provider lacks, falls back to the JDK's order. The primitives cache their JCA objects
 * per thread, so choose the provider before the first message; objects already cached keep the
 * provider they were made with.
 */
public final class CryptoProviders {
  /** The system property that names a preferred provider. */
  public static final String PROPERTY = "io.coseiot.cose.provider";

  private static volatile Provider explicit;

  private CryptoProviders() {}

  /**
   * Prefers a provider for the JCA objects this library creates from now on.
   *
   * @param provider the provider, or null to go back to the system property or the JDK's order
   */
  public static void setPreferred(Provider provider) {
    explicit = provider;
  }

  /**
   * Returns the provider in effect: the one set in code, else the registered provider the system
   * property names.
   *
   * @return the provider, or null when the JDK's order applies
   */
  public static Provider preferred() {
    Provider p = explicit;
    if (p != null) {
      return p;
    }
    String name = System.getProperty(PROPERTY);
    return name == null || name.isBlank() ? null : Security.getProvider(name.trim());
  }

  static Cipher cipher(String transformation)
      throws NoSuchAlgorithmException, NoSuchPaddingException {
    Provider p = preferred();
    if (p != null) {
      try {
        return Cipher.getInstance(transformation, p);
      } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
        // Not offered there: use the JDK's order below.
      }
    }
    return Cipher.getInstance(transformation);
  }

  static Signature signature(String algorithm) throws NoSuchAlgorithmException {
    Provider p = preferred();
    if (p != null) {
      try {
        return Signature.getInstance(algorithm, p);
      } catch (NoSuchAlgorithmException e) {
        // Not offered there: use the JDK's order below.
      }
    }
    return Signature.getInstance(algorithm);
  }

  static Mac mac(String algorithm) throws NoSuchAlgorithmException {
    Provider p = preferred();
    if (p != null) {
      try {
        return Mac.getInstance(algorithm, p);
      } catch (NoSuchAlgorithmException e) {
        // Not offered there: use the JDK's order below.
      }
    }
    return Mac.getInstance(algorithm);
  }
}
