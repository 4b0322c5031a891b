package io.coseiot.interop;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads classes from its own jars before asking its parent, so a peer library's old dependencies
 * (Bouncy Castle, CBOR) win over any copies the parent could see. Its parent is the platform class
 * loader, so nothing from the application class path is visible at all.
 */
public final class ChildFirstClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  /**
   * Loads from the given jars or class folders, then from the platform class loader.
   *
   * @param urls the jars and folders
   */
  public ChildFirstClassLoader(URL[] urls) {
    super(urls, ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null && !name.startsWith("java.")) {
        try {
          c = findClass(name);
        } catch (ClassNotFoundException e) {
          c = null;
        }
      }
      if (c == null) {
        c = super.loadClass(name, false);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
