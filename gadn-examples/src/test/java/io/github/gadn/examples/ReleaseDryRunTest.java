package io.github.gadn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release dry run: the {@code release} profile builds the Maven Central bundle of a copy of
 * this repository set to a release version, without signing ({@code -Dgpg.skip}) or uploading
 * ({@code -DskipUpload}), and the bundle holds what Central's validation asks for: every
 * artifact's jar, {@code -sources} and {@code -javadoc} jars, its pom with the required metadata,
 * and md5/sha1/sha256/sha512 checksums that match. (Signatures are the one requirement a dry run
 * cannot show.)
 *
 * <p>Runs a nested Maven build (about a minute); it needs {@code maven.home}, which the build
 * passes to the tests, and is skipped when run outside Maven.
 */
class ReleaseDryRunTest {
  private static final List<String> MODULES = List.of("gadn-api", "gadn-tensorflow", "gadn-examples");
  private static final List<String> CHECKSUMS = List.of("md5", "sha1", "sha256", "sha512");

  @TempDir static Path work;
  private static String version;
  private static Map<String, byte[]> bundle;

  @BeforeAll
  static void buildBundle() throws Exception {
    String mavenHome = System.getProperty("maven.home", "");
    String snapshot = System.getProperty("project.version", "");
    assumeTrue(!mavenHome.isEmpty() && !mavenHome.startsWith("${"), "maven.home not passed");
    assertThat(snapshot).as("project.version passed by the build").endsWith("-SNAPSHOT");
    version = snapshot.substring(0, snapshot.length() - "-SNAPSHOT".length());
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    assertThat(root.resolve("pom.xml")).exists();
    Path copy = work.resolve("repo");
    copyTree(root, copy, snapshot, version);

    String mvn = Path.of(mavenHome, "bin", isWindows() ? "mvn.cmd" : "mvn").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                mvn, "-B", "-ntp", "-Prelease", "-Dgpg.skip", "-DskipUpload", "-DskipTests",
                "-Dinvoker.skip", "deploy"));
    String repo = System.getProperty("maven.repo.local", "");
    if (!repo.isEmpty() && !repo.startsWith("${")) {
      command.add(1, "-Dmaven.repo.local=" + repo);
    }
    Path log = work.resolve("release.log");
    Process p =
        new ProcessBuilder(command)
            .directory(copy.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done && p.exitValue() == 0)
        .as("release dry run (%s) failed:%n%s", String.join(" ", command), tail(log, 60))
        .isTrue();
    Path zip = copy.resolve("target/central-publishing/central-bundle.zip");
    assertThat(zip).as("bundle written by the release profile").exists();
    bundle = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (!e.isDirectory()) {
          bundle.put(e.getName(), in.readAllBytes());
        }
      }
    }
  }

  @Test
  void everyModuleHasJarSourcesJavadocAndPom() {
    for (String module : MODULES) {
      for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom")) {
        String name = path(module) + suffix;
        assertThat(bundle).as("bundle entry %s", name).containsKey(name);
        assertThat(bundle.get(name).length).as("size of %s", name).isGreaterThan(200);
      }
    }
    assertThat(bundle).containsKey(path("gadn-parent") + ".pom");
  }

  @Test
  void everyFileHasFourMatchingChecksums() throws Exception {
    List<String> files = bundle.keySet().stream().filter(n -> !isChecksum(n)).toList();
    assertThat(files).hasSize(MODULES.size() * 3 + MODULES.size() + 1);
    for (String file : files) {
      for (String algorithm : CHECKSUMS) {
        String name = file + "." + algorithm;
        assertThat(bundle).as("checksum %s", name).containsKey(name);
        String expected = HexFormat.of().formatHex(digest(algorithm, bundle.get(file)));
        assertThat(new String(bundle.get(name), StandardCharsets.US_ASCII).trim())
            .as("%s", name)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void parentPomCarriesTheMetadataCentralRequires() {
    String pom = text(path("gadn-parent") + ".pom");
    for (String element :
        List.of("name", "description", "url", "licenses", "developers", "scm")) {
      assertThat(pom).as("parent pom element <%s>", element).contains("<" + element + ">");
    }
    String scm = element(pom, "scm");
    assertThat(scm).contains("<url>").contains("<connection>");
    assertThat(element(pom, "licenses")).contains("Apache License, Version 2.0");
    assertThat(pom).doesNotContain("-SNAPSHOT</version>");
  }

  @Test
  void modulePomsNameAndDescribeThemselvesAndInheritTheRest() {
    for (String module : MODULES) {
      String pom = text(path(module) + ".pom");
      assertThat(pom).as("%s pom", module)
          .contains("<artifactId>gadn-parent</artifactId>")
          .contains("<artifactId>" + module + "</artifactId>")
          .contains("<name>")
          .contains("<description>")
          .doesNotContain("-SNAPSHOT</version>");
    }
  }

  @Test
  void jarsCarryLicenceNoticeAndModuleName() throws IOException {
    for (String module : MODULES) {
      String name = path(module) + ".jar";
      List<String> entries = new ArrayList<>();
      String moduleName;
      try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(bundle.get(name)))) {
        moduleName = in.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
          entries.add(e.getName());
        }
      }
      assertThat(entries).as("%s", name).contains("META-INF/LICENSE", "META-INF/NOTICE");
      assertThat(moduleName).as("Automatic-Module-Name of %s", name).startsWith("io.github.gadn");
    }
  }

  private static String path(String artifactId) {
    return "io/github/gadn/" + artifactId + "/" + version + "/" + artifactId + "-" + version;
  }

  private static boolean isChecksum(String name) {
    return CHECKSUMS.stream().anyMatch(a -> name.endsWith("." + a));
  }

  private static String text(String name) {
    assertThat(bundle).containsKey(name);
    return new String(bundle.get(name), StandardCharsets.UTF_8);
  }

  private static String element(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(xml);
    assertThat(m.find()).as("<%s> present", tag).isTrue();
    return m.group(1);
  }

  private static byte[] digest(String algorithm, byte[] data) throws Exception {
    String jca =
        switch (algorithm) {
          case "md5" -> "MD5";
          case "sha1" -> "SHA-1";
          case "sha256" -> "SHA-256";
          default -> "SHA-512";
        };
    return MessageDigest.getInstance(jca).digest(data);
  }

  /** Copies the sources (no build output, no .git), with the poms set to the release version. */
  private static void copyTree(Path from, Path to, String snapshot, String release)
      throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(from) && (name.equals("target") || name.equals(".git"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(file).toString());
            if (file.getFileName().toString().equals("pom.xml")) {
              String pom = Files.readString(file);
              Files.writeString(
                  target,
                  pom.replace("<version>" + snapshot + "</version>", "<version>" + release + "</version>"));
            } else {
              Files.copy(file, target);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }
}
