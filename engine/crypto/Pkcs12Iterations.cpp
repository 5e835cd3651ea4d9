#include "engine/crypto/Pkcs12Iterations.h"

#include "engine/crypto/OpenSslHandles.h"

#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <QString>

#include <limits>
#include <memory>

namespace certdeck::crypto::detail {

namespace {

constexpr int maxSafeContentsNesting = 8; // safeContentsBag inside safeContentsBag

void freeAuthSafes(STACK_OF(PKCS7) * safes)
{
    sk_PKCS7_pop_free(safes, PKCS7_free);
}
void freeBags(STACK_OF(PKCS12_SAFEBAG) * bags)
{
    sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
}

template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, OsslDeleter<T, Free>>;
using BagsPtr = Owned<STACK_OF(PKCS12_SAFEBAG), freeBags>;

// The bags of an encrypted safe, decrypted the way PKCS12_parse will try (an empty password: none, then "").
BagsPtr decryptSafe(PKCS7* safe, const QByteArray& password)
{
    BagsPtr bags;
    if (password.isEmpty()) {
        bags.reset(PKCS12_unpack_p7encdata(safe, nullptr, 0));
        if (!bags) {
            bags.reset(PKCS12_unpack_p7encdata(safe, "", -1));
        }
    } else {
        bags.reset(PKCS12_unpack_p7encdata(safe, password.constData(), -1));
    }
    ERR_clear_error();
    return bags;
}

// An iteration INTEGER: absent means 1 (RFC 7292); a negative or unreadable one counts as over any cap.
qint64 iterationsOf(const ASN1_INTEGER* iter)
{
    if (iter == nullptr) {
        return 1;
    }
    int64_t value = 0;
    if (ASN1_INTEGER_get_int64(&value, iter) != 1 || value < 0) {
        ERR_clear_error();
        return std::numeric_limits<qint64>::max();
    }
    return qint64(value);
}

// The iteration count of a password-based encryption algorithm: PKCS#12 / PKCS#5 v1 PBE (PBEParameter) or
// PBES2 with PBKDF2. 0: an algorithm that is not password based, or parameters that do not parse (OpenSSL
// then refuses them itself before deriving anything).
qint64 iterationsOf(const X509_ALGOR* algorithm)
{
    if (algorithm == nullptr || algorithm->parameter == nullptr) {
        return 0;
    }
    const int nid = OBJ_obj2nid(algorithm->algorithm);
    if (nid == NID_pbes2) {
        Owned<PBE2PARAM, PBE2PARAM_free> pbes2(
            static_cast<PBE2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), algorithm->parameter)));
        if (!pbes2 || !pbes2->keyfunc || OBJ_obj2nid(pbes2->keyfunc->algorithm) != NID_id_pbkdf2 ||
            !pbes2->keyfunc->parameter) {
            ERR_clear_error();
            return 0;
        }
        Owned<PBKDF2PARAM, PBKDF2PARAM_free> kdf(static_cast<PBKDF2PARAM*>(
            ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), pbes2->keyfunc->parameter)));
        ERR_clear_error();
        return kdf ? iterationsOf(kdf->iter) : 0;
    }
    Owned<PBEPARAM, PBEPARAM_free> pbe(
        static_cast<PBEPARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBEPARAM), algorithm->parameter)));
    ERR_clear_error();
    return pbe ? iterationsOf(pbe->iter) : 0;
}

class IterationBudget
{
public:
    Status charge(qint64 iterations, const QString& what)
    {
        if (iterations > maxPkcs12Iterations) {
            return fail(QStringLiteral("the PKCS#12 file asks for %1 key-derivation iterations for its %2, more than "
                                       "the %3 CertDeck accepts (real key stores use 2,048 to 10,000): it was not "
                                       "read. Export it again with a normal iteration count.")
                            .arg(iterations)
                            .arg(what)
                            .arg(maxPkcs12Iterations),
                        QStringLiteral("tooManyIterations"));
        }
        m_total += iterations;
        if (m_total > maxPkcs12TotalIterations) {
            return fail(QStringLiteral("the PKCS#12 file asks for more than %1 key-derivation iterations in all "
                                       "(MAC, encrypted contents and keys together), the limit CertDeck accepts: it "
                                       "was not read. Export it again with a normal iteration count.")
                            .arg(maxPkcs12TotalIterations),
                        QStringLiteral("tooManyIterations"));
        }
        return {};
    }

private:
    qint64 m_total = 0;
};

Status checkBags(const STACK_OF(PKCS12_SAFEBAG) * bags, IterationBudget& budget, int nesting)
{
    for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags); ++i) {
        const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags, i);
        const int type = PKCS12_SAFEBAG_get_nid(bag);
        if (type == NID_pkcs8ShroudedKeyBag) {
            const X509_ALGOR* algorithm = nullptr;
            X509_SIG_get0(PKCS12_SAFEBAG_get0_pkcs8(bag), &algorithm, nullptr);
            if (Status s = budget.charge(iterationsOf(algorithm), QStringLiteral("private key")); !s) {
                return s;
            }
        } else if (type == NID_safeContentsBag) {
            if (nesting >= maxSafeContentsNesting) {
                return fail(QStringLiteral("the PKCS#12 file nests its contents deeper than %1 levels: it was not "
                                           "read")
                                .arg(maxSafeContentsNesting),
                            QStringLiteral("damaged"));
            }
            if (Status s = checkBags(PKCS12_SAFEBAG_get0_safes(bag), budget, nesting + 1); !s) {
                return s;
            }
        }
    }
    return {};
}

} // namespace

Status checkPkcs12Iterations(const PKCS12* p12, const QByteArray& password)
{
    IterationBudget budget;
    if (PKCS12_mac_present(p12)) {
        const ASN1_INTEGER* iterations = nullptr;
        PKCS12_get0_mac(nullptr, nullptr, nullptr, &iterations, p12);
        if (Status s = budget.charge(iterationsOf(iterations), QStringLiteral("integrity MAC")); !s) {
            return s;
        }
    }
    Owned<STACK_OF(PKCS7), freeAuthSafes> safes(PKCS12_unpack_authsafes(p12));
    if (!safes) {
        ERR_clear_error();
        return {}; // PKCS12_parse reports the damage
    }
    for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
        PKCS7* safe = sk_PKCS7_value(safes.get(), i);
        const int type = OBJ_obj2nid(safe->type);
        BagsPtr bags;
        if (type == NID_pkcs7_data) {
            bags.reset(PKCS12_unpack_p7data(safe));
        } else if (type == NID_pkcs7_encrypted) {
            const X509_ALGOR* algorithm =
                safe->d.encrypted && safe->d.encrypted->enc_data ? safe->d.encrypted->enc_data->algorithm : nullptr;
            if (Status s = budget.charge(iterationsOf(algorithm), QStringLiteral("encrypted contents")); !s) {
                return s;
            }
            // Counted above: decrypting it now costs no more than the cap allows.
            bags = decryptSafe(safe, password);
        }
        ERR_clear_error();
        if (bags) {
            if (Status s = checkBags(bags.get(), budget, 0); !s) {
                return s;
            }
        }
    }
    return {};
}

} // namespace certdeck::crypto::detail
