package dev.corpusforge.ingest.code;

import java.util.Locale;
import java.util.Map;

/** Programming language by file name: extension table after GitHub Linguist's most common languages. */
public final class Languages {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("py", "Python"), Map.entry("pyi", "Python"), Map.entry("java", "Java"), Map.entry("kt", "Kotlin"),
      Map.entry("kts", "Kotlin"), Map.entry("scala", "Scala"), Map.entry("groovy", "Groovy"), Map.entry("c", "C"),
      Map.entry("h", "C"), Map.entry("cc", "C++"), Map.entry("cpp", "C++"), Map.entry("cxx", "C++"),
      Map.entry("hpp", "C++"), Map.entry("hh", "C++"), Map.entry("hxx", "C++"), Map.entry("cs", "C#"),
      Map.entry("go", "Go"), Map.entry("rs", "Rust"), Map.entry("js", "JavaScript"), Map.entry("mjs", "JavaScript"),
      Map.entry("cjs", "JavaScript"), Map.entry("jsx", "JavaScript"), Map.entry("ts", "TypeScript"),
      Map.entry("tsx", "TypeScript"), Map.entry("rb", "Ruby"), Map.entry("php", "PHP"), Map.entry("swift", "Swift"),
      Map.entry("m", "Objective-C"), Map.entry("mm", "Objective-C++"), Map.entry("sh", "Shell"),
      Map.entry("bash", "Shell"), Map.entry("zsh", "Shell"), Map.entry("ps1", "PowerShell"), Map.entry("pl", "Perl"),
      Map.entry("pm", "Perl"), Map.entry("lua", "Lua"), Map.entry("r", "R"), Map.entry("jl", "Julia"),
      Map.entry("hs", "Haskell"), Map.entry("ml", "OCaml"), Map.entry("mli", "OCaml"), Map.entry("fs", "F#"),
      Map.entry("ex", "Elixir"), Map.entry("exs", "Elixir"), Map.entry("erl", "Erlang"), Map.entry("clj", "Clojure"),
      Map.entry("dart", "Dart"), Map.entry("sql", "SQL"), Map.entry("html", "HTML"), Map.entry("htm", "HTML"),
      Map.entry("css", "CSS"), Map.entry("scss", "SCSS"), Map.entry("vue", "Vue"), Map.entry("md", "Markdown"),
      Map.entry("rst", "reStructuredText"), Map.entry("tex", "TeX"), Map.entry("yaml", "YAML"),
      Map.entry("yml", "YAML"), Map.entry("toml", "TOML"), Map.entry("json", "JSON"), Map.entry("xml", "XML"),
      Map.entry("proto", "Protocol Buffers"), Map.entry("cmake", "CMake"), Map.entry("f90", "Fortran"),
      Map.entry("f", "Fortran"), Map.entry("zig", "Zig"), Map.entry("nim", "Nim"), Map.entry("v", "Verilog"),
      Map.entry("vhd", "VHDL"), Map.entry("asm", "Assembly"), Map.entry("s", "Assembly"), Map.entry("ipynb", "Jupyter Notebook"));
  private static final Map<String, String> BY_NAME = Map.of("Makefile", "Makefile", "Dockerfile", "Dockerfile",
      "CMakeLists.txt", "CMake", "Rakefile", "Ruby", "Gemfile", "Ruby");

  private Languages() {}

  /** The language of a path, or null when its extension is not a source language we keep. */
  public static String of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String byName = BY_NAME.get(name);
    if (byName != null) return byName;
    int dot = name.lastIndexOf('.');
    if (dot <= 0) return null;
    return BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
