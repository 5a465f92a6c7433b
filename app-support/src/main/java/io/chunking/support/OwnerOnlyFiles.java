package io.chunking.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and directories that only their owner may read: directories {@code rwx------}, files {@code rw-------}. On
 * a file system without POSIX permissions (Windows) the permissions are left as the file system gives them.
 */
public final class OwnerOnlyFiles {

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates the directory and any missing parent, and makes the directory itself owner-only (also when it
	 * existed with wider permissions). Returns the directory.
	 */
	public static Path directory(Path directory) {
		try {
			Files.createDirectories(directory);
			if (posix()) {
				Files.setPosixFilePermissions(directory, DIRECTORY);
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the owner-only directory " + directory.toAbsolutePath(), ex);
		}
	}

	/** Makes the regular files directly in {@code directory} owner-only (not those of its subdirectories). */
	public static void restrictFilesIn(Path directory) {
		if (!posix() || !Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				Files.setPosixFilePermissions(file, FILE);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make the files in " + directory.toAbsolutePath() + " owner-only",
					ex);
		}
	}

	/**
	 * Writes the properties to {@code file} atomically (a temporary file beside it, created owner-only, then moved
	 * over it), creating its directory owner-only if missing.
	 */
	public static void writeProperties(Path file, Properties properties, String comment) {
		Path target = file.toAbsolutePath();
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		try {
			if (!Files.isDirectory(target.getParent())) {
				directory(target.getParent());
			}
			Files.deleteIfExists(temporary);
			if (posix()) {
				Files.createFile(temporary, PosixFilePermissions.asFileAttribute(FILE));
			}
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				properties.store(writer, comment);
			}
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + target, ex);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
