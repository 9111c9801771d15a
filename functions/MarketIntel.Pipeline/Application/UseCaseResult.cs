using System.Diagnostics.CodeAnalysis;

namespace MarketIntel.Pipeline.Application;

/// <summary>A use case's answer: a value, or the <see cref="UseCaseError"/> that says why there is none.</summary>
public sealed class UseCaseResult<T>
{
    private UseCaseResult(T? value, UseCaseError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public UseCaseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static UseCaseResult<T> Success(T value) => new(value, null);

    public static UseCaseResult<T> Failure(UseCaseError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator UseCaseResult<T>(T value) => Success(value);

    public static implicit operator UseCaseResult<T>(UseCaseError error) => Failure(error);
}
