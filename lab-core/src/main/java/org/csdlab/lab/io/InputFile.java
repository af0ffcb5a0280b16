package org.csdlab.lab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.lab.io.InputFileException.Reason;

/**
 * A file a user named for the lab to read, with what it is for and the most bytes read from it.
 * Every read checks, before it opens the file, that it is a regular file (not a directory, a device
 * such as {@code /dev/zero}, a FIFO or a socket, which would exhaust memory or block forever) and
 * that it fits its budget; the read itself stops at the budget too, in case the file grows
 * meanwhile. The refusal is an {@link InputFileException} naming the file and the budget.
 *
 * <pre>
 * program file /dev/zero is a character device, not a regular file
 * program file big.o has 70,000,000 bytes, more than the 64 MiB read from a program file
 * </pre>
 *
 * @param path the file as the user named it
 * @param what what the file is for, as messages say it ({@code program file})
 * @param maxBytes the most bytes read from it (a whole number of MiB), or -1 for a file that is
 *     opened rather than read whole ({@link #opened})
 */
public record InputFile(Path path, String what, long maxBytes) {
  /** The most bytes read from an eBPF program (ELF object, bytecode or assembly text): 64 MiB. */
  public static final long PROGRAM_MAX_BYTES = 64L << 20;

  /** The most bytes read from a memory image given to a program as its context: 256 MiB. */
  public static final long MEMORY_MAX_BYTES = 256L << 20;

  /** The most bytes read from a JSON document, a manifest or a tutorial source: 16 MiB. */
  public static final long TEXT_MAX_BYTES = 16L << 20;

  /** The {@link #maxBytes} of a file the lab opens rather than reads whole. */
  private static final long UNBOUNDED = -1;

  public InputFile {
    if (maxBytes != UNBOUNDED && (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8)) {
      throw new IllegalArgumentException(
          "maxBytes must be 1.." + (Integer.MAX_VALUE - 8) + ", was " + maxBytes);
    }
  }

  /** An eBPF program: ELF object, raw bytecode or assembly, at most {@link #PROGRAM_MAX_BYTES}. */
  public static InputFile program(Path path) {
    return new InputFile(path, "program file", PROGRAM_MAX_BYTES);
  }

  /** Assembly text, at most {@link #PROGRAM_MAX_BYTES}. */
  public static InputFile assembly(Path path) {
    return new InputFile(path, "assembly file", PROGRAM_MAX_BYTES);
  }

  /** The context memory of a program run, at most {@link #MEMORY_MAX_BYTES}. */
  public static InputFile memory(Path path) {
    return new InputFile(path, "memory file", MEMORY_MAX_BYTES);
  }

  /** A text document such as JSON or a tutorial source, at most {@link #TEXT_MAX_BYTES}. */
  public static InputFile text(Path path, String what) {
    return new InputFile(path, what, TEXT_MAX_BYTES);
  }

  /**
   * A file the lab opens rather than reads whole, such as a device image: only its being a regular
   * file is checked ({@link #requireRegular()}); its size is the business of whatever opens it.
   */
  public static InputFile opened(Path path, String what) {
    return new InputFile(path, what, UNBOUNDED);
  }

  /**
   * Checks that the file exists and is a regular file, without opening it (opening a FIFO blocks).
   *
   * @return its size in bytes
   */
  public long requireRegular() {
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(path, BasicFileAttributes.class); // follows links, as opening would
    } catch (NoSuchFileException e) {
      throw new InputFileException(this, Reason.MISSING, -1, "no such file", e);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (!attributes.isRegularFile()) {
      throw new InputFileException(
          this, Reason.NOT_REGULAR, -1, "is " + kindOf(attributes) + ", not a regular file", null);
    }
    return attributes.size();
  }

  /** The bytes of the file, after the checks. */
  public byte[] readBytes() {
    if (maxBytes == UNBOUNDED) {
      throw new IllegalStateException(what + " " + shown(path) + " is opened, not read whole");
    }
    long size = requireRegular();
    if (size > maxBytes) {
      throw tooLarge(size);
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(-1); // it grew while being read
      }
      return bytes;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The text of the file, which must be UTF-8, after the checks. */
  public String readString() {
    byte[] bytes = readBytes();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InputFileException(this, Reason.UNREADABLE, bytes.length, "is not UTF-8 text", e);
    }
  }

  private InputFileException tooLarge(long size) {
    String has =
        size < 0
            ? "grew while being read to more"
            : "has " + String.format(Locale.ROOT, "%,d", size) + " bytes, more";
    return new InputFileException(
        this,
        Reason.TOO_LARGE,
        size,
        has + " than the " + (maxBytes >> 20) + " MiB read from a " + what,
        null);
  }

  private InputFileException unreadable(IOException e) {
    String why =
        e instanceof AccessDeniedException
            ? "permission denied"
            : Excerpt.of(String.valueOf(e.getMessage()));
    return new InputFileException(this, Reason.UNREADABLE, -1, "cannot be read: " + why, e);
  }

  /** What sort of file that is not regular the file is, for the message. */
  private String kindOf(BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    try {
      int type =
          ((Integer) Files.getAttribute(path, "unix:mode")) & 0170000; // the S_IFMT bits of st_mode
      String kind =
          switch (type) {
            case 0010000 -> "a FIFO (named pipe)";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> null;
          };
      if (kind != null) {
        return kind;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix attribute view here: the generic description below says enough
    }
    return "a device, FIFO or socket";
  }

  /** The path as messages show it, cut by {@link Excerpt}. */
  static String shown(Path path) {
    return Excerpt.of(path.toString(), Excerpt.MAX_LIST_CHARS);
  }
}
