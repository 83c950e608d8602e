package ai.nesa.aivm.sdk.internal.kernels.bundle;

import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.AivmIoException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Lists a bundle directory: every regular file, with its relative '/'-separated path, skipping
 * hidden files and directories (a name starting with '.'); a symbolic link or a special file is
 * a problem, never followed.
 */
public final class DirectoryScan {
  /** The prefix of a {@link Problem} path that names a bundle file rather than a JSON path. */
  public static final String FILE_PREFIX = "bundle:";

  private DirectoryScan() {}

  /**
   * Adds every file under {@code root} to {@code files}, and every symlink, special file or
   * unsafe path to {@code problems}.
   *
   * @throws AivmIoException when the directory cannot be read
   */
  public static void scan(Path root, Map<String, BundleSource> files, List<Problem> problems) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (hidden(file)) {
            return FileVisitResult.CONTINUE;
          }
          String rel = relative(root, file);
          if (attrs.isSymbolicLink()) {
            problems.add(Problem.of(FILE_PREFIX + rel, "symlink", rel,
                "'" + rel + "' is a symbolic link; a bundle holds regular files only (copy the target in)"));
          } else if (!attrs.isRegularFile()) {
            problems.add(Problem.of(FILE_PREFIX + rel, "regular", rel,
                "'" + rel + "' is not a regular file"));
          } else {
            String why = BundlePaths.problem(rel);
            if (why != null) {
              problems.add(Problem.of(FILE_PREFIX + rel, "path", rel, why));
            } else {
              files.put(rel, BundleSource.of(file));
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          throw e;
        }
      });
    } catch (IOException e) {
      throw new AivmIoException("could not list the bundle directory " + root + ": " + e.getMessage(), e);
    }
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static String relative(Path root, Path file) {
    StringJoiner j = new StringJoiner("/");
    for (Path segment : root.relativize(file)) {
      j.add(segment.toString());
    }
    return j.toString();
  }
}
