using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Universe.Cli.Commands.Completion;

/// <summary>
/// Generates bash and zsh completion scripts from the command tree: the words typed so far select a command
/// path, which offers its subcommands and options; after <c>--options</c> and similar file options, file names.
/// Installed plugin commands (<c>dcos &lt;command&gt;</c>) are offered at the top level.
/// </summary>
internal static class CompletionScripts
{
    private static readonly string[] FileOptions = ["--options"];

    public static string Bash(Command root, IReadOnlyList<string>? pluginCommands = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var nodes = Nodes(root, pluginCommands);
        var script = new StringBuilder();
        script.Append("# bash completion for dcos\n_dcos_completions() {\n");
        script.Append("    local cur prev cmdpath w i opts\n");
        script.Append("    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n    cmdpath=\"\"\n");
        script.Append("    case \"$prev\" in\n");
        script.Append(CultureInfo.InvariantCulture, $"        {string.Join('|', FileOptions)}) COMPREPLY=( $(compgen -f -- \"$cur\") ); return 0;;\n");
        script.Append("    esac\n");
        script.Append("    for ((i=1; i<COMP_CWORD; i++)); do\n        w=\"${COMP_WORDS[i]}\"\n");
        script.Append("        case \"$w\" in -*) continue;; esac\n        case \"$cmdpath $w\" in\n");
        script.Append(CultureInfo.InvariantCulture, $"            {string.Join('|', nodes.Keys.Where(k => k.Length > 0).Select(Quote))}) cmdpath=\"$cmdpath $w\";;\n");
        script.Append("        esac\n    done\n    case \"$cmdpath\" in\n");
        foreach (var (path, words) in nodes)
        {
            script.Append(CultureInfo.InvariantCulture, $"        {Quote(path)}) opts=\"{string.Join(' ', words)}\";;\n");
        }

        script.Append("        *) opts=\"\";;\n    esac\n");
        script.Append("    COMPREPLY=( $(compgen -W \"$opts\" -- \"$cur\") )\n}\ncomplete -o default -F _dcos_completions dcos\n");
        return script.ToString();
    }

    public static string Zsh(Command root, IReadOnlyList<string>? pluginCommands = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var nodes = Nodes(root, pluginCommands);
        var script = new StringBuilder();
        script.Append("#compdef dcos\n# zsh completion for dcos\n_dcos() {\n");
        script.Append("    local cmdpath=\"\" w i\n    local -a opts\n");
        script.Append("    case \"${words[CURRENT-1]}\" in\n");
        script.Append(CultureInfo.InvariantCulture, $"        ({string.Join('|', FileOptions)}) _files; return;;\n    esac\n");
        script.Append("    for ((i=2; i<CURRENT; i++)); do\n        w=\"${words[i]}\"\n");
        script.Append("        [[ \"$w\" == -* ]] && continue\n        case \"$cmdpath $w\" in\n");
        script.Append(CultureInfo.InvariantCulture, $"            ({string.Join('|', nodes.Keys.Where(k => k.Length > 0).Select(Quote))}) cmdpath=\"$cmdpath $w\";;\n");
        script.Append("        esac\n    done\n    case \"$cmdpath\" in\n");
        foreach (var (path, words) in nodes)
        {
            script.Append(CultureInfo.InvariantCulture, $"        ({Quote(path)}) opts=({string.Join(' ', words)});;\n");
        }

        script.Append("        (*) opts=();;\n    esac\n    compadd -- \"${opts[@]}\"\n}\n");
        script.Append("if [[ \"$funcstack[1]\" == \"_dcos\" ]]; then _dcos \"$@\"; else compdef _dcos dcos; fi\n");
        return script.ToString();
    }

    /// <summary>Every command path (" package install") with the words completing after it.</summary>
    internal static SortedDictionary<string, List<string>> Nodes(Command root, IReadOnlyList<string>? pluginCommands = null)
    {
        var globalOptions = root.Options.Where(o => o.Recursive).SelectMany(Names).ToList();
        var nodes = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        Visit(root, string.Empty, globalOptions, nodes);
        foreach (var plugin in pluginCommands ?? [])
        {
            if (!nodes[string.Empty].Contains(plugin, StringComparer.Ordinal) && plugin.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                nodes[string.Empty].Insert(0, plugin);
            }
        }

        return nodes;
    }

    private static void Visit(Command command, string path, List<string> globalOptions, SortedDictionary<string, List<string>> nodes)
    {
        var words = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        words.AddRange(command.Options.Where(o => !o.Hidden && !o.Recursive).SelectMany(Names));
        words.AddRange(globalOptions);
        nodes[path] = [.. words.Distinct(StringComparer.Ordinal)];
        foreach (var sub in command.Subcommands)
        {
            Visit(sub, $"{path} {sub.Name}", globalOptions, nodes);
        }
    }

    private static IEnumerable<string> Names(Option option) =>
        new[] { option.Name }.Concat(option.Aliases).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    private static string Quote(string path) => $"\"{path}\"";
}
