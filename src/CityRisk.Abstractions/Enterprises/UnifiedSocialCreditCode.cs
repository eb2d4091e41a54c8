namespace CityRisk.Enterprises;

/// <summary>
/// The unified social credit code of GB 32100-2015 (统一社会信用代码): 18 characters from 0-9 and A-Y without I, O, S,
/// V and Z; the registration authority (1), the organization type (1), the GB/T 2260 division of registration (6), the
/// organization code (9), and a check character (1) computed from the first 17 (weights 3^(i-1) mod 31, check
/// 31 - (sum mod 31), 31 written as 0). docs/insurers.md, "Credit codes", has a worked example.
/// </summary>
public static class UnifiedSocialCreditCode
{
    /// <summary>The 31 characters a code is written in, by value.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The length of a code.</summary>
    public const int Length = 18;

    /// <summary>The check character for the first 17 characters, or null when one of them is not in <see cref="Alphabet"/>.</summary>
    /// <param name="first17">The code's first 17 characters.</param>
    public static char? CheckCharacterOf(string first17)
    {
        if (first17 is null || first17.Length != Length - 1)
        {
            return null;
        }

        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0)
            {
                return null;
            }

            sum += value * weight;
            weight = weight * 3 % 31;
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Why a code is not valid, or null when it is.</summary>
    /// <param name="code">The code, upper case as GB 32100 writes it.</param>
    public static string? Problem(string? code)
    {
        if (code is null || code.Length != Length)
        {
            return $"'{code}' is not {Length} characters long.";
        }

        if (code.FirstOrDefault(c => Alphabet.IndexOf(c) < 0) is var bad && bad != default)
        {
            return $"'{code}' holds '{bad}', which a credit code never does (0-9 and A-Y without I, O, S, V, Z, upper case).";
        }

        if (!code.Substring(2, 6).All(c => c is >= '0' and <= '9'))
        {
            return $"'{code}': characters 3 to 8 are the GB/T 2260 division of registration, six digits.";
        }

        var check = CheckCharacterOf(code.Substring(0, Length - 1));
        return check == code[Length - 1] ? null : $"'{code}' ends in '{code[Length - 1]}', but its check character is '{check}': a character is mistyped.";
    }

    /// <summary>Whether a code is well formed and its check character right.</summary>
    /// <param name="code">The code.</param>
    public static bool IsValid(string? code) => Problem(code) is null;
}
