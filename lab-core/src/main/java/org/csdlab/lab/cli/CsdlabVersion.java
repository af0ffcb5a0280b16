package org.csdlab.lab.cli;

import picocli.CommandLine.IVersionProvider;

/** The csdlab version (from the jar's manifest) and the JDK that runs it. */
final class CsdlabVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"csdlab " + csdlabVersion(), jdk()};
  }

  /** The version in the packaged jar's manifest, or a note that there is none. */
  static String csdlabVersion() {
    String version = CsdlabVersion.class.getPackage().getImplementationVersion();
    return version != null ? version : "(development build)";
  }

  /** As {@code JDK 25.0.1+8-LTS (Temurin-25.0.1+8) at /usr/lib/jvm/temurin-25-jdk-amd64}. */
  static String jdk() {
    String vendor = System.getProperty("java.vendor.version");
    if (vendor == null || vendor.isBlank()) {
      vendor = System.getProperty("java.vendor", "unknown vendor");
    }
    return "JDK " + Runtime.version() + " (" + vendor + ") at " + System.getProperty("java.home");
  }
}
