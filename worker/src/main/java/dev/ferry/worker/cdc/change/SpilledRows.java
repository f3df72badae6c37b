package dev.ferry.worker.cdc.change;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row changes of one large source transaction, kept in a local file instead of the heap, and
 * read back in chunks of bounded size, in order, as often as needed.
 *
 * <p>Why a file and not a stream of parts straight from the binlog: a transaction is applied
 * once its end is known, since its end decides everything about it (whether the copy of a table
 * holds it, whether a resume already applied it, whether safe mode covers it, the checkpoint it
 * commits with); the reader can keep reading while it is applied; and a target transaction
 * that a deadlock rolls back can be written again from the file. The heap holds a few chunks at
 * a time (the applier reads the next ones while it writes one); the disk (the pod's {@code /tmp}) holds the transaction's rows once more.
 *
 * <p>A file is deleted once its transaction was handed to the applier. A process killed before
 * leaves its files behind (a pod's {@code /tmp} goes with the pod; {@code ferry run} keeps its
 * directory): the first spill of a JVM deletes the files of processes that no longer run
 * (their names carry the process id).
 */
public final class SpilledRows {

  private static final Logger LOG = LoggerFactory.getLogger(SpilledRows.class);
  private static final String PREFIX = "ferry-transaction-";
  private static final String SUFFIX = ".rows";
  private static final Pattern NAME =
      Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+" + Pattern.quote(SUFFIX));
  private static final AtomicBoolean SWEPT = new AtomicBoolean();
  private static final int BUFFER_BYTES = 1 << 16;

  /** Changes the rows of a chunk on their way to the target (routing, row filters). */
  @FunctionalInterface
  public interface ChunkFilter {
    List<RowChange> apply(List<RowChange> chunk) throws SQLException;
  }

  /** Receives the chunks, in order. */
  @FunctionalInterface
  public interface ChunkConsumer {
    void accept(List<RowChange> chunk) throws SQLException;
  }

  private final Path file;
  private final List<TableSchema> schemas;
  private final int count;
  private final Map<RowOperation, Integer> operations;
  private final ChunkFilter filter;

  private SpilledRows(Path file, List<TableSchema> schemas, int count,
      Map<RowOperation, Integer> operations, ChunkFilter filter) {
    this.file = file;
    this.schemas = schemas;
    this.count = count;
    this.operations = operations;
    this.filter = filter;
  }

  /** Starts a spill file in the JVM's temporary directory. */
  public static Writer create() {
    if (SWEPT.compareAndSet(false, true)) {
      removeAbandoned(Path.of(System.getProperty("java.io.tmpdir")));
    }
    try {
      return new Writer(Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-",
          SUFFIX));
    } catch (IOException e) {
      throw new FerryException(FailureClass.Other, "cannot create a file for the rows of a"
          + " large transaction in " + System.getProperty("java.io.tmpdir") + ": " + e
          + "; the directory must be writable and have room for the largest transaction", e);
    }
  }

  /** How many row changes were spilled (before any filter). */
  public int count() {
    return count;
  }

  /** How many spilled row changes insert, update and delete (before any filter). */
  public Map<RowOperation, Integer> operations() {
    return operations;
  }

  /** How many bytes the file takes, about what the rows take on the wire. */
  public long fileBytes() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The same rows, each chunk then passed through {@code next}. */
  public SpilledRows filtered(ChunkFilter next) {
    ChunkFilter first = filter;
    return new SpilledRows(file, schemas, count, operations,
        chunk -> next.apply(first.apply(chunk)));
  }

  /**
   * Reads the rows in order, in chunks of about {@code chunkBytes} of heap (see
   * {@link RowChange#heapBytes()}), and hands each chunk, filtered, to {@code consumer}.
   */
  public void forEachChunk(long chunkBytes, ChunkConsumer consumer) throws SQLException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES))) {
      List<RowChange> chunk = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < count; i++) {
        RowChange row = new RowChange(schemas.get(in.readInt()),
            RowOperation.values()[in.readByte()], RowCodec.readImage(in), RowCodec.readImage(in));
        chunk.add(row);
        bytes += row.heapBytes();
        if (bytes >= chunkBytes) {
          consumer.accept(filter.apply(chunk));
          chunk = new ArrayList<>();
          bytes = 0;
        }
      }
      if (!chunk.isEmpty()) {
        consumer.accept(filter.apply(chunk));
      }
    } catch (EOFException e) {
      throw unreadable(new IOException("the file ends before its " + count + " rows", e));
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** Removes the file; the rows cannot be read after. */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }

  /** Deletes the spill files in {@code directory} of processes that no longer run. */
  static void removeAbandoned(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (name.matches()
            && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot remove abandoned spill files in {}", directory, e);
    }
  }

  private FerryException unreadable(IOException e) {
    return new FerryException(FailureClass.Other, "cannot read back the rows of a large"
        + " transaction from " + file + ": " + e.getMessage() + "; the task resumes from its"
        + " checkpoint and reads them from the binlog again", e);
  }

  /** Writes the rows of one transaction to its file, in order. */
  public static final class Writer {

    private final Path file;
    private final DataOutputStream out;
    private final Map<TableSchema, Integer> schemaIndexes = new IdentityHashMap<>();
    private final List<TableSchema> schemas = new ArrayList<>();
    private final Map<RowOperation, Integer> operations = new EnumMap<>(RowOperation.class);
    private int count;

    private Writer(Path file) throws IOException {
      this.file = file;
      this.out = new DataOutputStream(
          new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES));
    }

    /** Appends one row change. */
    public void add(RowChange row) {
      Integer schema = schemaIndexes.get(row.schema());
      if (schema == null) {
        schema = schemas.size();
        schemas.add(row.schema());
        schemaIndexes.put(row.schema(), schema);
      }
      try {
        out.writeInt(schema);
        out.writeByte(row.operation().ordinal());
        RowCodec.writeImage(out, row.before());
        RowCodec.writeImage(out, row.after());
      } catch (IOException e) {
        discard();
        throw new FerryException(FailureClass.Other, "cannot write the rows of a large"
            + " transaction to " + file + ": " + e.getMessage() + "; the temporary directory"
            + " needs room for the largest transaction", e);
      }
      operations.merge(row.operation(), 1, Integer::sum);
      count++;
    }

    /** Closes the file: its rows, ready to read. */
    public SpilledRows finish() {
      try {
        out.close();
      } catch (IOException e) {
        discard();
        throw new FerryException(FailureClass.Other, "cannot write the rows of a large"
            + " transaction to " + file + ": " + e.getMessage(), e);
      }
      return new SpilledRows(file, List.copyOf(schemas), count,
          Collections.unmodifiableMap(operations), chunk -> chunk);
    }

    /** Drops the file (the transaction was abandoned). */
    public void discard() {
      try {
        out.close();
      } catch (IOException e) {
        // the file is deleted anyway
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }
}
