package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.crypto.Address;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One author of a model: a name, and where known an address and a web page.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class Author {
  private final String name;
  private final Address address;
  private final URI url;

  private Author(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.address = b.address;
    this.url = b.url;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.address = address;
    b.url = url;
    return b;
  }

  /** The author's name. */
  public String name() {
    return name;
  }

  /** The author's Ethereum address. */
  public Optional<Address> address() {
    return Optional.ofNullable(address);
  }

  /** A web page about the author. */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Author o)) {
      return false;
    }
    return Objects.equals(name, o.name)
        && Objects.equals(address, o.address)
        && Objects.equals(url, o.url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, address, url);
  }

  @Override
  public String toString() {
    return "Author{name=" + name + ", address=" + address + ", url=" + url + "}";
  }

  /** Builds a {@link Author}. */
  public static final class Builder {
    private String name;
    private Address address;
    private URI url;

    private Builder() {}

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder address(Address address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    public Builder url(URI url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public Author build() {
      return new Author(this);
    }
  }
}
