using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace CityRisk.Testing.Shared;

/// <summary>
/// Lists an assembly's public surface as stable text, one member a line, so a change to the API is a visible diff
/// in api/&lt;Assembly&gt;.txt (the PublicAPI analyzer is not obtainable here).
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Create(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var builder = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            builder.Append(DescribeType(type)).Append('\n');
            var members = new List<string>();
            foreach (var member in type.GetMembers(Declared))
            {
                if (Describe(member, nullability) is { } line)
                {
                    members.Add(line);
                }
            }

            foreach (var line in members.Order(StringComparer.Ordinal))
            {
                builder.Append("  ").Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }

    public static void AssertMatches(Assembly assembly)
    {
        var path = Path.Combine(RepositoryRoot.Path, "api", assembly.GetName().Name + ".txt");
        var listing = Create(assembly);
        if (Environment.GetEnvironmentVariable("CITYRISK_UPDATE_API") == "1")
        {
            File.WriteAllText(path, listing);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with CITYRISK_UPDATE_API=1 to write it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != listing)
        {
            var added = listing.Split('\n').Except(expected.Split('\n')).Take(20);
            var removed = expected.Split('\n').Except(listing.Split('\n')).Take(20);
            Assert.Fail($"The public API of {assembly.GetName().Name} changed. If intended, run the tests with CITYRISK_UPDATE_API=1 and commit api/*.txt (and note it in CHANGELOG.md).\nAdded:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
        }
    }

    private static string DescribeType(Type type)
    {
        var kind = type switch
        {
            { IsEnum: true } => "enum",
            { IsInterface: true } => "interface",
            { IsValueType: true } => type.GetMethod("<Clone>$") is null && type.GetProperty("EqualityContract", Declared) is null && type.GetMethods().Any(m => m.Name == "PrintMembers") ? "record struct" : "struct",
            _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
            _ when type.GetMethod("<Clone>$") is not null => "record",
            _ => "class",
        };
        var modifiers = type switch
        {
            { IsInterface: true } or { IsEnum: true } or { IsValueType: true } => string.Empty,
            { IsAbstract: true, IsSealed: true } => "static ",
            { IsAbstract: true } => "abstract ",
            { IsSealed: true } => "sealed ",
            _ => string.Empty,
        };
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}";
    }

    private static string? Describe(MemberInfo member, NullabilityInfoContext nullability)
    {
        switch (member)
        {
            case ConstructorInfo c when c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly:
                return $"{Access(c)}ctor({Parameters(c, nullability)})";
            case MethodInfo m when (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName && !m.Name.Contains('<', StringComparison.Ordinal):
                var generic = m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;
                return $"{Access(m)}{(m.IsStatic ? "static " : m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m ? "virtual " : m.GetBaseDefinition() != m ? "override " : string.Empty)}{TypeName(nullability.Create(m.ReturnParameter))} {m.Name}{generic}({Parameters(m, nullability)})";
            case PropertyInfo p:
                // By name: a netstandard2.0 assembly carries its own (polyfilled) copies of these compiler types.
                var getter = p.GetMethod is { } get && (get.IsPublic || get.IsFamily) ? "get; " : string.Empty;
                var setter = p.SetMethod is { } set && (set.IsPublic || set.IsFamily)
                    ? set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit") ? "init; " : "set; "
                    : string.Empty;
                if (getter.Length == 0 && setter.Length == 0)
                {
                    return null;
                }

                var accessor = p.GetMethod ?? p.SetMethod!;
                var required = p.GetCustomAttributes().Any(a => a.GetType().FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute") ? "required " : string.Empty;
                return $"{Access(accessor)}{(accessor.IsStatic ? "static " : string.Empty)}{required}{TypeName(nullability.Create(p))} {p.Name} {{ {getter}{setter}}}";
            case FieldInfo f when f.IsPublic || f.IsFamily:
                if (f.DeclaringType!.IsEnum)
                {
                    return f.IsStatic ? $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}" : null;
                }

                return $"{Access(f)}{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{TypeName(nullability.Create(f))} {f.Name}{(f.IsLiteral ? $" = {Literal(f.GetRawConstantValue())}" : string.Empty)}";
            case EventInfo e when e.AddMethod is { IsPublic: true }:
                return $"public event {Name(e.EventHandlerType!)} {e.Name}";
            case Type nested when nested.IsNestedPublic:
                return $"nested {Name(nested)}";
            default:
                return null;
        }
    }

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Access(FieldInfo field) => field.IsPublic ? "public " : "protected ";

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
            $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)}{(p.GetCustomAttribute<ParamArrayAttribute>() is not null || p.GetCustomAttributes().Any(a => a.GetType().Name == "ParamCollectionAttribute") ? "params " : string.Empty)}{TypeName(nullability.Create(p))} {p.Name}{(p.HasDefaultValue ? $" = {Literal(p.DefaultValue)}" : string.Empty)}"));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    private static string TypeName(NullabilityInfo info)
    {
        var type = info.Type;
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
        }

        string name;
        if (type.IsArray && info.ElementType is { } element)
        {
            name = TypeName(element) + "[]";
        }
        else if (type.IsGenericType && !type.IsValueType && info.GenericTypeArguments.Length > 0)
        {
            var definition = Name(type.GetGenericTypeDefinition());
            name = definition[..definition.IndexOf('<', StringComparison.Ordinal)] + "<" + string.Join(", ", info.GenericTypeArguments.Select(TypeName)) + ">";
        }
        else
        {
            name = Name(type);
        }

        return info.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }

    private static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.Namespace is { Length: > 0 } ns ? $"{ns}.{type.Name}" : type.Name;
        if (type.IsGenericType)
        {
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            var arguments = type.GetGenericArguments().Select(Name);
            name = (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", arguments) + ">";
        }

        return name;
    }
}
