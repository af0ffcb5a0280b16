package org.csdlab.zns;

/** A file given as a persistent device image is not one, is corrupt, or has another geometry. */
public final class InvalidImageException extends RuntimeException {
  InvalidImageException(String message) {
    super(message);
  }
}
