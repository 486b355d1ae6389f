namespace Slim.Analysis.Xray;

/// <summary>The places xray knows by name: package-manager caches and build toolchains.</summary>
internal static class XrayRules
{
    /// <summary>Caches and package lists that a build leaves behind when it does not clean up in the same step.</summary>
    public static readonly IReadOnlyList<PathPattern> PackageCaches =
    [
        new("var/lib/apt/lists", "apt package lists"),
        new("var/cache/apt", "apt package cache"),
        new("var/cache/apk", "apk package cache"),
        new("var/cache/yum", "yum cache"),
        new("var/cache/dnf", "dnf cache"),
        new("root/.cache/pip", "pip cache"),
        new("home/*/.cache/pip", "pip cache"),
        new("root/.npm", "npm cache"),
        new("home/*/.npm", "npm cache"),
        new("root/.cache/yarn", "yarn cache"),
        new("usr/local/share/.cache/yarn", "yarn cache"),
        new("root/.cache/go-build", "Go build cache"),
        new("root/.m2/repository", "Maven repository"),
        new("root/.gradle/caches", "Gradle cache"),
        new("root/.cargo/registry", "Cargo registry"),
        new("usr/local/bundle/cache", "Bundler gem cache"),
    ];

    /// <summary>Compilers, headers and SDKs: needed to build, rarely to run.</summary>
    public static readonly IReadOnlyList<PathPattern> Toolchains =
    [
        new("usr/lib/gcc", "GCC"),
        new("usr/libexec/gcc", "GCC"),
        new("usr/bin/gcc*", "GCC"),
        new("usr/bin/g++*", "GCC"),
        new("usr/bin/*-linux-gnu-gcc*", "GCC"),
        new("usr/bin/*-linux-gnu-g++*", "GCC"),
        new("usr/bin/*-linux-gnu-cpp*", "GCC"),
        new("usr/include", "C/C++ headers"),
        new("usr/bin/*-linux-gnu-ld*", "binutils"),
        new("usr/bin/*-linux-gnu-as", "binutils"),
        new("usr/bin/make", "make"),
        new("usr/local/go", "Go toolchain"),
        new("usr/lib/go-*", "Go toolchain"),
        new("usr/local/rustup", "Rust toolchain"),
        new("root/.rustup", "Rust toolchain"),
        new("usr/lib/jvm/*/jmods", "JDK"),
        new("usr/lib/jvm/*/bin/javac", "JDK"),
        new("opt/java/openjdk/jmods", "JDK"),
    ];

    /// <summary>The first pattern that matches <paramref name="path"/> and the prefix it matched.</summary>
    public static (PathPattern Pattern, string Prefix)? Match(IReadOnlyList<PathPattern> patterns, string path)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.MatchPrefix(path) is { } prefix)
            {
                return (pattern, prefix);
            }
        }

        return null;
    }
}
