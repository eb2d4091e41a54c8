namespace CityRisk.Storage;

/// <summary>A store that cannot be opened or used, with what and where in the message.</summary>
public sealed class ExchangeStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the store's location.</param>
    public ExchangeStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong, naming the store's location.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ExchangeStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ExchangeStoreException()
    {
    }
}
