namespace ToolUse;

/// <summary>A stand-in weather service: the same city always gets the same made-up weather.</summary>
public static class WeatherStation
{
    private static readonly string[] Skies = ["sunny", "partly cloudy", "overcast", "light rain"];

    public static WeatherReport Current(string city)
    {
        var seed = city.Trim().ToUpperInvariant().Aggregate(17, static (hash, c) => unchecked((hash * 31) + c));
        var random = new Random(seed);
        return new WeatherReport(city, Skies[random.Next(Skies.Length)], random.Next(-5, 32));
    }
}

/// <summary>What <c>get_weather</c> returns to the model.</summary>
public sealed record WeatherReport(string City, string Sky, int TemperatureCelsius);
