import Groundwork

/// Merchant API products v1 as Google's own protos define it, for the simulator to judge each
/// `productInputs` call the way the real API does. Facts from googleapis/googleapis
/// `google/shopping/merchant/products/v1/products_common.proto` (commit 08ce6da), `productinputs.proto`
/// (256b575) and `google/shopping/type/types.proto` (28d3bc7); shipping units from Google's product data
/// specification (shipping_weight: lb, oz, g, kg; shipping dimensions: in, cm).
enum MerchantAPIContract {
    /// The JSON names of `ProductInput`'s fields (`product` is output only).
    static let productInputFields: Set<String> = [
        "name", "product", "legacyLocal", "offerId", "contentLanguage", "feedLabel", "versionNumber",
        "productAttributes", "customAttributes",
    ]

    /// The JSON names of every field of `ProductAttributes` (145 in this version).
    static let productAttributeFields: Set<String> = [
        "identifierExists", "isBundle", "title", "description", "link", "mobileLink", "canonicalLink", "imageLink",
        "additionalImageLinks", "expirationDate", "disclosureDate", "adult", "ageGroup", "availability",
        "availabilityDate", "brand", "color", "condition", "gender", "googleProductCategory", "gtins", "itemGroupId",
        "material", "mpn", "pattern", "price", "maximumRetailPrice", "installment", "subscriptionCost",
        "loyaltyPoints", "loyaltyPrograms", "productTypes", "salePrice", "salePriceEffectiveDate",
        "sellOnGoogleQuantity", "productHeight", "productLength", "productWidth", "productWeight", "shipping",
        "carrierShipping", "freeShippingThreshold", "shippingWeight", "shippingLength", "shippingWidth",
        "shippingHeight", "maxHandlingTime", "minHandlingTime", "shippingHandlingBusinessDays",
        "shippingTransitBusinessDays", "handlingCutoffTimes", "shippingLabel", "returnPolicyLabel",
        "transitTimeLabel", "size", "sizeSystem", "sizeTypes", "energyEfficiencyClass", "minEnergyEfficiencyClass",
        "maxEnergyEfficiencyClass", "unitPricingMeasure", "unitPricingBaseMeasure", "multipack", "adsGrouping",
        "adsLabels", "adsRedirect", "costOfGoodsSold", "productDetails", "productHighlights", "displayAdsId",
        "displayAdsSimilarIds", "displayAdsTitle", "displayAdsLink", "displayAdsValue", "promotionIds",
        "pickupMethod", "pickupSla", "pickupCost", "linkTemplate", "mobileLinkTemplate", "customLabel0",
        "customLabel1", "customLabel2", "customLabel3", "customLabel4", "includedDestinations",
        "excludedDestinations", "shoppingAdsExcludedCountries", "externalSellerId", "pause", "lifestyleImageLinks",
        "cloudExportAdditionalProperties", "virtualModelLink", "certifications", "structuredTitle",
        "structuredDescription", "autoPricingMinPrice", "sustainabilityIncentives", "videoLinks",
        "minimumOrderValues", "warranty", "vin", "model", "trim", "bodyStyle", "year", "mileage", "electricRange",
        "fuelConsumption", "fuelConsumptionDischargedBattery", "energyConsumption", "co2Emissions",
        "dateFirstRegistered", "engine", "emissionsStandard", "certifiedPreOwned", "vehicleMsrp",
        "vehicleAllInPrice", "vehiclePriceType", "vehicleMandatoryInspectionIncluded", "vehicleExpenses", "returns",
        "displayAddress", "latitude", "longitude", "neighborhood", "unitArea", "numberOfUnits", "propertyName",
        "numberOfBedrooms", "numberOfBathrooms", "propertyType", "amenityFeature", "utilitiesIncluded", "petPolicy",
        "specialtyHousingType", "productFee", "shortTitle", "leaseTerm", "questionsAndAnswers", "popularityRank",
        "itemGroupTitle", "documentLinks", "variantOptions", "relatedProducts",
    ]

    /// The fields of the messages our calls use, by the `ProductAttributes` field that holds them.
    static let messageFields: [String: Set<String>] = [
        "price": ["amountMicros", "currencyCode"], "salePrice": ["amountMicros", "currencyCode"],
        "shippingWeight": ["value", "unit"], "shippingLength": ["value", "unit"], "shippingWidth": ["value", "unit"],
        "shippingHeight": ["value", "unit"], "unitPricingMeasure": ["value", "unit"],
        "unitPricingBaseMeasure": ["value", "unit"],
        "productDetails": ["sectionName", "attributeName", "attributeValue"],
    ]

    /// Enum fields and their values (`Availability`, `Condition`).
    static let enums: [String: (type: String, values: Set<String>)] = [
        "availability": (
            "Availability", ["IN_STOCK", "OUT_OF_STOCK", "PREORDER", "LIMITED_AVAILABILITY", "BACKORDER"]
        ),
        "condition": ("Condition", ["NEW", "USED", "REFURBISHED"]),
    ]

    /// Units a measure takes.
    static let units: [String: Set<String>] = [
        "shippingWeight": ["lb", "oz", "g", "kg"], "shippingLength": ["in", "cm"], "shippingWidth": ["in", "cm"],
        "shippingHeight": ["in", "cm"],
    ]

    /// Why `input` is not a `ProductInput` the API parses, in Google's words; `nil` when it is. Google answers
    /// an unknown field with "Invalid JSON payload received. Unknown name …" and a wrong enum value with
    /// "Invalid value at …".
    static func refusal(of input: JSONValue) -> String? {
        guard case .object(let members) = input else { return "Invalid JSON payload received. Expected an object." }
        for (name, _) in members where !Self.productInputFields.contains(name) {
            return "Invalid JSON payload received. Unknown name \"\(name)\" at 'product_input': Cannot find field."
        }
        guard case .object(let attributes)? = input["productAttributes"] else { return nil }
        for (name, value) in attributes {
            guard Self.productAttributeFields.contains(name) else {
                return
                    "Invalid JSON payload received. Unknown name \"\(name)\" at 'product_input.product_attributes': Cannot find field."
            }
            if let fields = Self.messageFields[name] {
                let objects = value.elements.isEmpty ? [value] : value.elements
                for case .object(let inner) in objects {
                    for (field, _) in inner where !fields.contains(field) {
                        return
                            "Invalid JSON payload received. Unknown name \"\(field)\" at 'product_input.product_attributes.\(name)': Cannot find field."
                    }
                }
            }
            if let (type, values) = Self.enums[name], let text = value.text, !values.contains(text) {
                return
                    "Invalid value at 'product_input.product_attributes.\(name)' (type.googleapis.com/google.shopping.merchant.products.v1.\(type)), \"\(text)\""
            }
            if let units = Self.units[name], let unit = value["unit"]?.text, !units.contains(unit) {
                return
                    "[\(name).unit] \"\(unit)\" is not a unit Google takes (\(units.sorted().joined(separator: ", ")))"
            }
        }
        return nil
    }
}
