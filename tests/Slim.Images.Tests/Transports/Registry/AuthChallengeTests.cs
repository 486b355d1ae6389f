using Slim.Images.Transports.Registry;

namespace Slim.Images.Tests.Transports.Registry;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Docker_hubs_bearer_challenge_gives_realm_service_and_scope()
    {
        var challenge = Assert.Single(AuthChallenge.ParseAll(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/debian:pull\""));
        Assert.True(challenge.IsBearer);
        Assert.Equal(("https://auth.docker.io/token", "registry.docker.io", "repository:library/debian:pull"), (challenge.Realm, challenge.Service, challenge.Scope));
    }

    [Fact]
    public void A_basic_challenge_has_its_realm()
    {
        var challenge = Assert.Single(AuthChallenge.ParseAll("Basic realm=\"slim-test-realm\""));
        Assert.True(challenge.IsBasic);
        Assert.False(challenge.IsBearer);
        Assert.Equal("slim-test-realm", challenge.Realm);
    }

    [Fact]
    public void Several_challenges_in_one_header_are_split_and_quoted_commas_kept()
    {
        var challenges = AuthChallenge.ParseAll("Bearer realm=\"https://a/token\", scope=\"repository:x:pull,push\", Basic realm=\"two words\"");
        Assert.Equal(2, challenges.Count);
        Assert.Equal("repository:x:pull,push", challenges[0].Scope);
        Assert.Equal(("Basic", "two words"), (challenges[1].Scheme, challenges[1].Realm));
    }

    [Fact]
    public void Unquoted_values_escapes_and_case_are_handled()
    {
        var challenge = Assert.Single(AuthChallenge.ParseAll("bearer Realm=https://t/x , service=reg \"\""));
        Assert.True(challenge.IsBearer);
        Assert.Equal(("https://t/x", "reg"), (challenge.Realm, challenge.Service));
        Assert.Equal("a\"b", Assert.Single(AuthChallenge.ParseAll("Basic realm=\"a\\\"b\"")).Realm);
    }

    [Fact]
    public void An_empty_header_has_no_challenge() => Assert.Empty(AuthChallenge.ParseAll("  "));
}
